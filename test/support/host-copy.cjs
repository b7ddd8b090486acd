// Makes a project folder holding its own copy of LangGraph's packages, edited the way a different
// host release would differ (another version number, another internal layout), plus the test
// agent (test/fixtures/agent).
// Packages it does not copy (@langchain/core, zod, ...) resolve from the repository's node_modules.
const fs = require("node:fs");
const path = require("node:path");
const { ROOT } = require("./run-app.cjs");

const FIXTURES = path.join(ROOT, ".fixtures");
const COPIED = ["@langchain/langgraph", "@langchain/langgraph-checkpoint"];

/**
 * @param {string} name folder name under .fixtures/
 * @param {(packageDir: (pkg: string) => string) => void} [edit] changes the copied packages
 * @returns {string} the project folder, with the test agent's app.cjs, app.mjs and graph.cjs in it
 */
function makeHostCopy(name, edit) {
  const dir = path.join(FIXTURES, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const pkg of COPIED) {
    fs.cpSync(path.join(ROOT, "node_modules", pkg), path.join(dir, "node_modules", pkg), { recursive: true });
  }
  for (const file of ["app.cjs", "app.mjs", "graph.cjs"]) {
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "agent", file), path.join(dir, file));
  }
  edit?.((pkg) => path.join(dir, "node_modules", pkg));
  return dir;
}

/** Rewrites one file of a copied package. */
function editFile(file, change) {
  fs.writeFileSync(file, change(fs.readFileSync(file, "utf8")));
}

/** Sets the version in a copied package's package.json. */
function setVersion(packageDir, version) {
  editFile(path.join(packageDir, "package.json"), (text) => {
    const manifest = JSON.parse(text);
    manifest.version = version;
    return JSON.stringify(manifest, null, 2);
  });
}

module.exports = { FIXTURES, makeHostCopy, editFile, setVersion };
