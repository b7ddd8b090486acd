// The release workflow cannot run here: it is checked against GitHub's workflow schema
// (@action-validator/core), and its matrices against package.json's napi.targets and npm/.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const yaml = require("js-yaml");
const { validateWorkflow } = require("@action-validator/core");
const { ROOT } = require("../support/run-app.cjs");

const WORKFLOW = path.join(ROOT, ".github", "workflows", "release.yml");
const source = fs.readFileSync(WORKFLOW, "utf8");
const workflow = yaml.load(source);
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

describe("dist: the release workflow", function () {
  it("is a valid GitHub Actions workflow", function () {
    assert.deepEqual(validateWorkflow(source).errors, []);
  });

  it("the validator rejects a broken workflow (the check is real)", function () {
    const broken = source.replace("runs-on: ${{ matrix.settings.host }}", "runs-on: 3");
    assert.notEqual(validateWorkflow(broken).errors.length, 0);
  });

  it("builds every napi target, tests each on its own OS, then publishes", function () {
    const built = workflow.jobs.build.strategy.matrix.settings.map((entry) => entry.target);
    assert.deepEqual([...built].sort(), [...manifest.napi.targets].sort());
    for (const entry of workflow.jobs.build.strategy.matrix.settings) {
      assert.match(entry.build, new RegExp(`--target ${entry.target.replace(/\./g, "\\.")}(\\.2\\.17)? `), entry.target);
    }
    const tested = workflow.jobs.test.strategy.matrix.settings.map((entry) => entry.target);
    assert.deepEqual([...tested].sort(), [...manifest.napi.targets].sort());
    assert.deepEqual(workflow.jobs.test.needs, "build");
    assert.deepEqual(workflow.jobs.publish.needs, "test");
    const publishSteps = workflow.jobs.publish.steps.map((step) => step.run ?? "").join("\n");
    assert.match(publishSteps, /napi artifacts/);
    assert.match(publishSteps, /napi pre-publish/);
  });

  it("every tested platform has its npm/<platform>/ package with os, cpu and libc", function () {
    const libc = { gnu: "glibc", musl: "musl" };
    for (const entry of workflow.jobs.test.strategy.matrix.settings) {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "npm", entry.platform, "package.json"), "utf8"));
      assert.equal(pkg.name, `langgraph-native-${entry.platform}`);
      assert.equal(pkg.version, manifest.version);
      assert.equal(pkg.main, `langgraph-native.${entry.platform}.node`);
      const [os, cpu, abi] = entry.platform.split("-");
      assert.deepEqual(pkg.os, [os]);
      assert.deepEqual(pkg.cpu, [cpu]);
      if (os === "linux") assert.deepEqual(pkg.libc, [libc[abi]]);
      assert.equal(manifest.optionalDependencies[pkg.name], manifest.version);
    }
  });
});
