// The host releases the version matrix installs and tests (`npm run test:matrix`). Each set is a
// combination users can install with consistent peer ranges; "latest" follows the registry's
// dist-tags and is resolved once, when its cache folder is made.
const SQLITE = "1.0.4";
// Installed in the sets that have it (its saver needs a server: npm test runs it, on PostgreSQL 15).
const POSTGRES = "1.0.5";

/** @type {Array<{ id: string, langgraph: string, checkpoint: string, sqlite: string, postgres?: string, core: string }>} */
const HOST_SETS = [
  { id: "pinned", langgraph: "1.7.3", checkpoint: "1.2.2", sqlite: SQLITE, postgres: POSTGRES, core: "1.4.0" },
  { id: "lg1.7.1", langgraph: "1.7.1", checkpoint: "1.2.2", sqlite: SQLITE, core: "1.3.5" },
  { id: "lg1.7.3-core1.3.5", langgraph: "1.7.3", checkpoint: "1.2.2", sqlite: SQLITE, core: "1.3.5" },
  { id: "lg1.5.3", langgraph: "1.5.3", checkpoint: "1.2.1", sqlite: SQLITE, core: "1.3.5" },
  { id: "lg1.4.21", langgraph: "1.4.21", checkpoint: "1.1.6", sqlite: SQLITE, core: "1.2.18" },
  { id: "latest", langgraph: "latest", checkpoint: "latest", sqlite: "latest", postgres: "latest", core: "latest" },
];

/** What every set also needs: the apps' zod, and the savers' conformance suite with its runner. */
const TOOLING = {
  zod: "4.6.7",
  "@langchain/langgraph-checkpoint-validation": "1.1.1",
  vitest: "4.1.12",
};

/** Just below every supported range (sqlite aside): the fallback test runs an app on it. */
const OUTSIDE = { id: "outside", langgraph: "1.4.18", checkpoint: "1.1.5", sqlite: SQLITE, core: "1.2.17" };

/** Node majors beyond the one running the tests: the identity apps run on these too. */
const OTHER_NODES = ["22.23.3", "24.21.0"];

module.exports = { HOST_SETS, TOOLING, OUTSIDE, OTHER_NODES };
