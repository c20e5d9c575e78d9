// In a granted challenge frame: finds the code field, reads the merchant and amount the page
// shows, asks ComeComePay which pending record they belong to, and shows a chip beside the field
// with *our* record's merchant and amount. The code enters the page only after a trusted click
// on that chip (visible for at least 500 ms), is never submitted, and is forgotten at once.
"use strict";
(() => {
  if (globalThis.__ccpCompanion) return;
  globalThis.__ccpCompanion = true;
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs);
  const MIN_VISIBLE_MS = 500;

  const CODE_WORDS = /(otp|passcode|one[-_ ]?time|verification[-_ ]?code|challengedataentry|\btan\b|security[-_ ]?code|auth(entication)?[-_ ]?code)/i;

  function visible(el) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  }

  function labelOf(input) {
    const byFor = input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
    return [byFor?.textContent, input.closest("label")?.textContent, input.getAttribute("aria-label"), input.placeholder]
      .filter(Boolean)
      .join(" ");
  }

  // The code field: one input, or a row of one-digit inputs.
  function findField() {
    const inputs = [...document.querySelectorAll("input")].filter(
      (i) => visible(i) && !i.disabled && !i.readOnly && ["text", "tel", "number", "password", ""].includes(i.type),
    );
    const scored = inputs
      .map((i) => {
        let score = 0;
        if (i.autocomplete === "one-time-code") score += 5;
        if (CODE_WORDS.test(`${i.name} ${i.id} ${labelOf(i)}`)) score += 3;
        if (i.inputMode === "numeric") score += 1;
        const max = i.maxLength;
        if (max >= 4 && max <= 8) score += 1;
        return { i, score };
      })
      .filter((s) => s.score >= 3)
      .sort((a, b) => b.score - a.score);
    if (scored.length) return { inputs: [scored[0].i] };
    const digits = inputs.filter((i) => i.maxLength === 1);
    if (digits.length >= 4 && digits.length <= 8) return { inputs: digits };
    return null;
  }

  const AMOUNT = /(?:[A-Z]{3}|US\$|HK\$|S\$|A\$|C\$|[$€£¥₹₩฿₫₱])\s?\d[\d.,'\u00a0\u202f ]*\d|\d[\d.,'\u00a0\u202f ]*\d?\s?(?:[A-Z]{3}|[€£¥])/g;

  // What the page shows: amounts near the words "amount"/"total" or anywhere in the frame, and
  // the merchant after "merchant"/"shop"/"store".
  function readPage() {
    const text = document.body?.innerText ?? "";
    const amounts = [...new Set(text.match(AMOUNT) ?? [])].slice(0, 10);
    let merchant = null;
    for (const line of text.split("\n")) {
      const m = line.match(/^\s*(merchant|shop|store|payee|商户|التاجر|pedagang)\s*[:：]?\s*(.+)$/i);
      if (m) {
        merchant = m[2].trim();
        break;
      }
    }
    return { merchant, amounts };
  }

  let chip = null;
  let offered = null; // {record, shownAt}

  function fill(inputs, code) {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    const parts = inputs.length === 1 ? [code] : [...code];
    inputs.forEach((input, n) => {
      setter.call(input, parts[n] ?? "");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  async function reveal(record, field) {
    const reply = await api.runtime.sendMessage({ type: "reveal", record });
    if (reply?.status === "ok") {
      let code = reply.code;
      fill(field.inputs, code);
      code = null; // forgotten: nothing of it stays in this script
    }
  }

  function showChip(field, lines, records) {
    chip?.remove();
    const host = document.createElement("ccp-companion-chip");
    host.setAttribute("data-ccp-chip", "");
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
      :host{all:initial;display:block;margin:4px 0;font:13px system-ui,sans-serif}
      div{display:inline-block;padding:6px 10px;border-radius:8px;border:1px solid #5b8cff;background:#eef3ff;color:#0b1020}
      div.warn{border-color:#c62828;background:#fdecea}
      button{font:inherit;margin:2px 4px 2px 0;cursor:pointer}
    </style><div role="status"></div>`;
    const box = root.querySelector("div");
    for (const line of lines) {
      const p = document.createElement(records ? "button" : "span");
      p.textContent = line.text;
      if (line.warn) box.classList.add("warn");
      if (records && line.record) {
        p.type = "button";
        p.dataset.record = line.record;
        p.addEventListener("click", (e) => {
          // Only the cardholder's own click, on a chip that was there long enough to be seen.
          if (!e.isTrusted || Date.now() - offered.shownAt < MIN_VISIBLE_MS) return;
          reveal(line.record, field);
        });
      }
      box.append(p);
    }
    const last = field.inputs[field.inputs.length - 1];
    last.insertAdjacentElement("afterend", host);
    chip = host;
    offered = { record: lines.find((l) => l.record)?.record ?? null, shownAt: Date.now() };
  }

  const money = (r) => `${r.currency} ${r.amount}`;

  let watching = false;
  function watch() {
    if (watching) return;
    watching = true;
    api.runtime.sendMessage({ type: "watch" });
  }

  async function offer() {
    const field = findField();
    if (!field) return;
    const reply = await api.runtime.sendMessage({ type: "match", page: readPage() });
    switch (reply?.status) {
      case "match":
        showChip(field, [{ text: t("chipMatch", [reply.merchant, money(reply)]), record: reply.record }], true);
        break;
      case "ambiguous":
        showChip(
          field,
          [{ text: t("chipChoose") }, ...reply.candidates.map((c) => ({ text: `${c.merchant} · ${money(c)}`, record: c.record }))],
          true,
        );
        break;
      case "mismatch":
        showChip(field, [{ text: t("chipMismatch", [reply.record.merchant, money(reply.record)]), warn: true }], false);
        // The code for this payment may still be on its way.
        watch();
        break;
      case "locked":
        showChip(field, [{ text: t("chipLocked"), warn: true }], false);
        break;
      case "login_required":
        showChip(field, [{ text: t("chipLogin"), warn: true }], false);
        break;
      case "none":
        // Wait for the code: the host tells us when a record arrives.
        watch();
        break;
      default:
        break;
    }
  }

  api.runtime.onMessage.addListener((message) => {
    if (message.type === "again") offer();
    if (message.type === "fill" && offered?.record && Date.now() - offered.shownAt >= MIN_VISIBLE_MS) {
      const field = findField();
      if (field) reveal(offered.record, field);
    }
  });

  offer();
})();
