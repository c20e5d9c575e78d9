// Loads the wasm UI. A file of its own, not an inline script: the CSP allows only 'self'.
// The event lets ui/dev/mock-tauri.js act once the app is up.
import init from "./ccp-ui.js";
// The desktop's theme from the first paint; the window applies the Settings choice once read.
document.documentElement.dataset.theme = matchMedia("(prefers-color-scheme: dark)").matches
  ? "dark"
  : "light";
init().then(() => dispatchEvent(new Event("ccp-ui-started")));
