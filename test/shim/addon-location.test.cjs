// Where the addon is looked for: napi-rs platform names, a local build before the platform
// package, and the one line with the two ways out when nothing fits.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { ROOT } = require("../support/run-app.cjs");
const { platformName, platformPackageName, locateAddon, missingAddonMessage, LOCAL_ADDON_PATH } = require("../../dist/shim/addon-location.js");

describe("shim: addon location", function () {
  it("names platforms as napi-rs does", function () {
    assert.equal(platformName("darwin", "arm64"), "darwin-arm64");
    assert.equal(platformName("darwin", "x64"), "darwin-x64");
    assert.equal(platformName("win32", "x64"), "win32-x64-msvc");
    assert.equal(platformName("win32", "arm64"), "win32-arm64-msvc");
    assert.match(platformName("linux", "arm64"), /^linux-arm64-(gnu|musl)$/);
    assert.equal(platformPackageName("linux-x64-musl"), "langgraph-native-linux-x64-musl");
  });

  it("every napi target has its npm/<platform>/ package, named as the loader looks it up", function () {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const dirs = fs.readdirSync(path.join(ROOT, "npm")).sort();
    assert.equal(dirs.length, manifest.napi.targets.length);
    for (const dir of dirs) {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "npm", dir, "package.json"), "utf8"));
      assert.equal(pkg.name, platformPackageName(dir));
      assert.equal(pkg.main, `langgraph-native.${dir}.node`);
    }
  });

  it("a local build (npm run build, or langgraph-native build) comes first", function () {
    assert.ok(fs.existsSync(LOCAL_ADDON_PATH));
    assert.deepEqual(locateAddon(), { found: true, file: LOCAL_ADDON_PATH });
  });

  it("with nothing to load, one sentence names the platform, the build command and where to ask", function () {
    const message = missingAddonMessage({ platform: "linux-x64-musl", packageName: "langgraph-native-linux-x64-musl" });
    assert.match(message, /^no langgraph-native binary for linux-x64-musl \(no langgraph-native-linux-x64-musl package with its binary, no local build\)/);
    assert.match(message, /run `npx langgraph-native build` to compile it from the shipped sources \(needs Rust\)/);
    assert.ok(message.includes(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).bugs.url));
    assert.doesNotMatch(message, /\n/);
  });
});
