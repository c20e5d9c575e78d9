// The companion's background: the one native-messaging connection to ccp-browser-host, and the
// only thing that talks to it. Content scripts ask it; it answers only its own content scripts
// in frames whose origin the cardholder granted. No page can reach it: no
// externally_connectable, no web-accessible resources.
"use strict";

const HOST = "com.comecomepay.desktop";
const api = globalThis.browser ?? globalThis.chrome;
const SCRIPT_ID = "ccp-challenge";

let port = null;
let nextId = 1;
const pending = new Map(); // request id -> resolve
const watchers = new Map(); // watch id -> {tabId, frameId}

function connect() {
  if (port) return port;
  port = api.runtime.connectNative(HOST);
  port.onMessage.addListener((reply) => {
    const resolve = pending.get(reply.id);
    if (resolve && reply.status !== "new") {
      pending.delete(reply.id);
      resolve(reply);
      return;
    }
    // A record arrived while a challenge frame waits: that frame asks again.
    const target = watchers.get(reply.id);
    if (reply.status === "new" && target) {
      api.tabs.sendMessage(target.tabId, { type: "again" }, { frameId: target.frameId }).catch(() => {});
    }
  });
  port.onDisconnect.addListener(() => {
    for (const resolve of pending.values()) resolve({ status: "error", message: "the ComeComePay host stopped" });
    pending.clear();
    watchers.clear();
    port = null;
  });
  return port;
}

function ask(request) {
  const id = String(nextId++);
  return new Promise((resolve) => {
    pending.set(id, resolve);
    connect().postMessage({ v: 1, id, ...request });
  });
}

// A grant is for a host, whatever the port (match patterns carry none).
async function granted(origin) {
  try {
    const { protocol, hostname } = new URL(origin);
    return await api.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
  } catch {
    return false;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  (async () => {
    const origin = sender.origin ?? new URL(sender.url).origin;
    if (sender.id !== api.runtime.id || !sender.tab || !(await granted(origin))) {
      return { status: "error", message: "not a granted challenge frame" };
    }
    switch (message.type) {
      case "match":
        return ask({ op: "match", frame_origin: origin, page: message.page });
      case "reveal":
        return ask({ op: "reveal", record: String(message.record) });
      case "watch": {
        const id = String(nextId++);
        watchers.set(id, { tabId: sender.tab.id, frameId: sender.frameId });
        return new Promise((resolve) => {
          pending.set(id, resolve);
          connect().postMessage({ v: 1, id, op: "watch" });
        });
      }
      default:
        return { status: "error", message: "unknown message" };
    }
  })().then(sendResponse);
  return true;
});

// The content script runs only in origins the cardholder granted, in every frame of them.
async function registerGranted() {
  const { origins = [] } = await api.permissions.getAll();
  const matches = origins.filter((o) => !o.startsWith("chrome-extension:") && !o.startsWith("moz-extension:"));
  try {
    await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  } catch {}
  if (matches.length === 0) return;
  await api.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: ["content.js"], allFrames: true, runAt: "document_idle", persistAcrossSessions: true },
  ]);
}

function register() {
  registerGranted().catch((e) => console.error("ComeComePay: content script not registered:", e));
}
api.permissions.onAdded.addListener(register);
api.permissions.onRemoved.addListener(register);
api.runtime.onInstalled.addListener(register);
api.runtime.onStartup.addListener(register);

// The keyboard command: the page cannot overlay it. It tells the frames of the active tab to
// fill the code their chip offers (each frame still checks its own match).
api.commands?.onCommand.addListener(async (command) => {
  if (command !== "fill-code") return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab) api.tabs.sendMessage(tab.id, { type: "fill" }).catch(() => {});
});
