// Builds the extension for each browser from the one source: node browser/build.mjs OUT_DIR
// [--test ORIGIN...]. A test build carries the test key (a fixed Chromium id, the one
// ccp-browser-host accepts) and grants ORIGINs up front, as the cardholder would from the popup;
// a store build carries neither. No dependencies, no network.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [out, ...rest] = process.argv.slice(2);
if (!out) {
  console.error("usage: node browser/build.mjs OUT_DIR [--test ORIGIN...]");
  process.exit(2);
}
const test = rest[0] === "--test";
const testOrigins = test ? rest.slice(1).map((o) => o.replace(/\/?$/, "/*")) : [];
const base = JSON.parse(readFileSync(join(here, "src/manifest.json"), "utf8"));
const FIREFOX_ID = "companion@comecomepay.com";

const browsers = {
  chromium: (m) => ({
    ...m,
    background: { service_worker: "background.js" },
    ...(test ? { key: readFileSync(join(here, "test-key.pub.b64"), "utf8").trim() } : {}),
  }),
  firefox: (m) => ({
    ...m,
    background: { scripts: ["background.js"] },
    browser_specific_settings: { gecko: { id: FIREFOX_ID, strict_min_version: "128.0" } },
  }),
};

for (const [name, shape] of Object.entries(browsers)) {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(here, "src"), dir, { recursive: true });
  const manifest = shape({ ...base, ...(test ? { host_permissions: testOrigins } : {}) });
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log(join(dir));
}
