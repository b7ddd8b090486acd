// Our range check against semver's own satisfies, on the ranges of the support table and more.
const assert = require("node:assert/strict");
const semver = require("semver");
const { inRange } = require("../../dist/shim/version-range");
const { SUPPORTED_HOSTS } = require("../../dist/patches/supported-hosts");

const RANGES = [...Object.values(SUPPORTED_HOSTS).map((host) => host.range), "1.x", "*", "1.2.3", "=1.2.3", ">1.0.0 <=1.2.3", "<1.0.0 || >=2.0.0", "1.0.x || 1.7.x", ">= 1.4.21 < 2", ">1.2", "<=1.2", ">=1", "<2.0", "1.2"];
const VERSIONS = [
  "0.9.9", "1.0.0", "1.0.4", "1.0.9", "1.1.0", "1.1.5", "1.1.6", "1.2.17", "1.2.18", "1.2.3", "1.4.20", "1.4.21", "1.7.3", "1.99.99",
  "2.0.0", "2.0.1", "10.0.0", "1.8.0-rc.1", "2.0.0-alpha", "1.7.3+build.5", "v1.7.3", "1.7", "not a version", "",
];

describe("supported version ranges", function () {
  it("decides as semver's satisfies does, for every range of the table and the forms it may use", function () {
    for (const range of RANGES) {
      for (const version of VERSIONS) {
        assert.equal(inRange(version, range), semver.satisfies(version, range), `${version} in ${range}`);
      }
    }
  });

  it("refuses a range form it does not know, loudly", function () {
    assert.throws(() => inRange("1.0.0", "^1.0.0"), /unsupported version range/);
    assert.throws(() => inRange("1.0.0", "~1.0.0"), /unsupported version range/);
  });
});
