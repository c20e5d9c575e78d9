// Builds the extension for each browser from the one source: node browser/build.mjs OUT_DIR
// [--zip | --test ORIGIN...]. A test build carries the test key (a fixed Chromium id, the one
// ccp-browser-host accepts) and grants ORIGINs up front, as the cardholder would from the popup;
// a store build carries neither, and with --zip is also packed as the Chrome Web Store and
// addons.mozilla.org take it (OUT_DIR/comecomepay-companion-{chromium,firefox}-VERSION.zip).
// The version is the workspace's (Cargo.toml), one number for the app and its companion.
import { cpSync, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import yazl from "yazl";

const here = dirname(fileURLToPath(import.meta.url));
const [out, ...rest] = process.argv.slice(2);
if (!out) {
  console.error("usage: node browser/build.mjs OUT_DIR [--zip | --test ORIGIN...]");
  process.exit(2);
}
const test = rest[0] === "--test";
const zip = rest[0] === "--zip";
if (zip && rest.length > 1) {
  // A store package is never a test build: no fixed key, no origin granted up front.
  console.error("--zip takes nothing more: a store build is never a test build");
  process.exit(2);
}
const cargo = readFileSync(join(here, "../Cargo.toml"), "utf8");
const version = cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
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
  const manifest = shape({ ...base, version, ...(test ? { host_permissions: testOrigins } : {}) });
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log(join(dir));
  if (zip) console.log(await pack(dir, join(out, `comecomepay-companion-${name}-${version}.zip`)));
}

/// The directory as a store takes it: its files at the archive's root, in a stable order with
/// a fixed time, so the same source packs to the same bytes.
async function pack(dir, file) {
  const archive = new yazl.ZipFile();
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  for (const path of walk(dir)) {
    archive.addFile(path, relative(dir, path).split("\\").join("/"), { mtime: new Date(Date.UTC(2020, 0, 1)) });
  }
  archive.end();
  const written = archive.outputStream.pipe(createWriteStream(file));
  await once(written, "close");
  return file;
}
