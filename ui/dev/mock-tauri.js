// A stand-in for Tauri's global API (window.__TAURI__), for previewing the built UI in a plain
// browser (dev/preview.sh). Never shipped: dist/ does not include it. Query parameters:
//   ?signed=1        start signed in          ?page=codes|kyc|settings|cards   click that tab
//   ?lang=zh|ar      UI language              ?offline=1                      sync reports offline
//   ?click=CSS       click that element after the page settles
//   ?signin=PASSWORD sign in through the form as the E2E test does (PASSWORD "wrong" fails)
(() => {
  const q = new URLSearchParams(location.search);
  const now = Math.floor(Date.now() / 1000);
  const listeners = [];
  let signedIn = q.get("signed") === "1";
  const session = { email: "demo@comecomepay.example", user: { first_name: "Demo" } };
  const card = (token, last4, status, balance, scheme) => ({
    public_token: token, masked_number: `441353••••••${last4}`, scheme, currency: "USD",
    balance, status, is_physical: token === "tok-3", expiry_date: "12/29",
  });
  let cards = [
    card("tok-1", "1149", "normal", 1234.5, "VISA"),
    card("tok-2", "2203", "frozen", 20, "VISA"),
    card("tok-3", "7781", "active", 0, "MASTERCARD"),
    card("tok-4", "0042", "lost_in_mail", null, null),
  ];
  const code = (id, merchant, amount, pass, age, ttl) => ({
    id, merchant_name: merchant, amount, currency: "USD", passcode: pass,
    received_at: new Date((now - age) * 1000).toISOString(),
    received_at_unix: now - age, expires_at_unix: now - age + ttl,
  });
  const passcodes = [code(11, "E2E Books", "42.50", "007321", 20, 300), code(9, "Coffee Shop", "3.20", "551122", 900, 300)];
  const sync = { connectivity: q.get("offline") === "1" ? "offline" : "online", last_success: now - 130, next_attempt: null, last_error: null };
  const settings = { show_code_in_notification: false, language: q.get("lang") || "en" };
  const snapshot = () => ({
    session: signedIn ? session : null,
    cards: { data: signedIn ? cards : [], fetched_at: now - 130 },
    passcodes: { data: signedIn ? passcodes : [], fetched_at: now - 10 },
    kyc: {
      data: {
        status: {
          can_submit_kyc: true, user_kyc_status: "rejected", message: null,
          latest_kyc: { id: 3, pokepay_status: 4, status: "rejected", fail_reason: "Name does not match the document" },
        },
        eligibility: { eligible: true, payment_status: "completed", required_action: null },
      },
      fetched_at: now - 400,
    },
    sync,
  });
  const fail = (kind, message) => Promise.reject({ kind, message });
  const commands = {
    app_info: () => ({ name: "ComeComePay", version: "0.1.0", mode: "demo", server: "http://127.0.0.1:8787", settings }),
    snapshot,
    login: ({ args }) => args.password === "wrong" ? fail("unauthorized", "Wrong e-mail or password.")
      : { step: "otp_sent", email: args.email },
    verify_otp: () => { signedIn = true; return session; },
    logout: () => { signedIn = false; return null; },
    sync_now: () => null,
    card_action: ({ args }) => {
      const c = cards.find((c) => c.public_token === args.public_token);
      if (!c) return fail("not_found", "no such card");
      c.status = { freeze: "frozen", unfreeze: "normal", cancel: "cancelled" }[args.action];
      return { ...c };
    },
    start_kyc: () => ({ url: "https://verify.didit.me/session/demo-123" }),
    copy_passcode: () => null,
    set_settings: ({ args }) => Object.assign(settings, args),
    test_notification: () => null,
  };
  window.__TAURI__ = {
    core: {
      invoke: async (cmd, args) => {
        if (!(cmd in commands)) throw `Command ${cmd} not found`;
        return commands[cmd](args || {});
      },
    },
    event: {
      listen: async (name, cb) => { listeners.push(cb); return () => {}; },
    },
  };
  const emit = (payload) => listeners.forEach((cb) => cb({ event: "ccp://event", id: 1, payload }));
  addEventListener("ccp-ui-started", () => {
    setTimeout(() => signedIn && emit({ type: "new_passcode", data: code(12, "Late Arrival Ltd", "1,020.00", "998877", 3, 300) }), 300);
    const page = q.get("page");
    setTimeout(() => page && document.querySelector(`#nav-${page}`)?.click(), 600);
    const type = (css, text) => {
      const el = document.querySelector(css);
      if (el) el.value = text;
    };
    const signin = q.get("signin");
    if (signin) {
      setTimeout(() => {
        type("#signin-email", "demo@comecomepay.example");
        type("#signin-password", signin);
        document.querySelector("#signin-submit")?.click();
      }, 200);
      setTimeout(() => {
        type("#signin-otp", "24680");
        document.querySelector("#signin-otp-submit")?.click();
      }, 400);
    }
    const click = q.get("click");
    setTimeout(() => click && document.querySelector(click)?.click(), 900);
  });
})();
