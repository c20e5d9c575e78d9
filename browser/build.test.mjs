// The store packages, read back as a store reads them: node --test browser/build.test.mjs
// (scripts/test.sh runs it). Each zip holds every file of the source at its root, a manifest
// for its browser with the workspace's version, and nothing of a test build (no fixed key, no
// origins granted up front).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import yauzl from "yauzl";

const here = dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(join(tmpdir(), "ccp-zips-"));
execFileSync(process.execPath, [join(here, "build.mjs"), out, "--zip"]);
const version = readFileSync(join(here, "../Cargo.toml"), "utf8").match(
  /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/,
)[1];

/// name → contents of every entry of the zip.
function entries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const found = new Map();
      zip.on("entry", (entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts = [];
          stream.on("data", (d) => parts.push(d));
          stream.on("end", () => {
            found.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(found));
      zip.readEntry();
    });
  });
}

const sources = (d) =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(d, e.name)) : [relative(join(here, "src"), join(d, e.name))],
  );

for (const browser of ["chromium", "firefox"]) {
  test(`the ${browser} store zip`, async () => {
    const zip = await entries(join(out, `comecomepay-companion-${browser}-${version}.zip`));
    for (const file of sources(join(here, "src"))) assert.ok(zip.has(file), `${file} is packed`);
    const manifest = JSON.parse(zip.get("manifest.json").toString("utf8"));
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.version, version);
    assert.equal(manifest.key, undefined, "no test key in a store build");
    assert.equal(manifest.host_permissions, undefined, "no origin granted up front");
    assert.ok(manifest.permissions.includes("nativeMessaging"));
    if (browser === "firefox") {
      assert.equal(manifest.browser_specific_settings.gecko.id, "companion@comecomepay.com");
      assert.deepEqual(manifest.background, { scripts: ["background.js"] });
    } else {
      assert.deepEqual(manifest.background, { service_worker: "background.js" });
    }
  });
}

test("a test build cannot be packed for a store", () => {
  assert.throws(() =>
    execFileSync(process.execPath, [join(here, "build.mjs"), out, "--zip", "--test", "x"], { stdio: "pipe" }),
  );
});
