// The toolbar popup: offers codes on the challenge frames of the active tab, one origin at a
// time, in two clicks (open, Allow); the browser's own permission prompt confirms it.
"use strict";
const api = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => api.i18n.getMessage(key, subs);
document.documentElement.lang = api.i18n.getUILanguage();
document.documentElement.dir = t("@@bidi_dir");

(async () => {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  // The frames' origins are not known without more permissions; the tab's own origin and the
  // origin the cardholder types are what can be offered.
  const origin = tab?.url ? new URL(tab.url).origin : null;
  const question = document.getElementById("question");
  const allow = document.getElementById("allow");
  const done = document.getElementById("done");
  if (!origin || !origin.startsWith("http")) {
    allow.hidden = true;
    return;
  }
  if (await api.permissions.contains({ origins: [origin + "/*"] })) {
    done.textContent = t("popupAllowed", [origin]);
    allow.hidden = true;
    return;
  }
  question.textContent = t("popupAsk", [origin]);
  allow.textContent = t("popupAllow");
  allow.addEventListener("click", async () => {
    if (await api.permissions.request({ origins: [origin + "/*"] })) {
      question.textContent = "";
      allow.hidden = true;
      done.textContent = t("popupAllowed", [origin]);
    }
  });
})();
