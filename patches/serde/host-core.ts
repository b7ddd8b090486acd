// The @langchain/core copy a hooked checkpoint package uses: its load() and message classes.
// CommonJS resolves it synchronously with createRequire; an ES-module copy is imported once,
// asynchronously, from the checkpoint package's own directory (the same copy its import binds).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ModuleSystem } from "../types";
import { buildMessageCatalog, type MessageCatalog } from "./message-classes";

export interface HostCore {
  /** Known once resolved (at once for CommonJS). */
  catalog: MessageCatalog | undefined;
  load: ((text: string) => Promise<unknown>) | undefined;
  /** Settles when catalog and load are known; rejects when the copy cannot be found. */
  ready: Promise<void>;
  /** Why resolving failed, if it did. */
  error: string | undefined;
  /** Why the message fast paths were turned off after resolving, if they were. */
  catalogRejected: string | undefined;
}

/** Runs once the catalog is known (synchronously, before any other code sees it); throws to reject it. */
export type CatalogCheck = (core: HostCore) => void;

// Kept out of tsc's reach: compiled to CommonJS, a plain import() would become require().
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

export function resolveHostCore(baseDir: string, moduleSystem: ModuleSystem, checkCatalog?: CatalogCheck): HostCore {
  const requireFromHost = createRequire(path.join(baseDir, "package.json"));
  if (moduleSystem === "cjs") {
    const messages = requireFromHost("@langchain/core/messages") as Record<string, unknown>;
    const { load } = requireFromHost("@langchain/core/load") as { load: (text: string) => Promise<unknown> };
    // The caller's self-check runs synchronously right after: no deferred check needed.
    return { catalog: buildMessageCatalog(messages), load, ready: Promise.resolve(), error: undefined, catalogRejected: undefined };
  }
  const core: HostCore = { catalog: undefined, load: undefined, ready: Promise.resolve(), error: undefined, catalogRejected: undefined };
  core.ready = (async () => {
    const [messages, loadModule] = await Promise.all([
      importModule(esmEntryUrl(requireFromHost, "./messages")),
      importModule(esmEntryUrl(requireFromHost, "./load")),
    ]);
    core.load = loadModule.load;
    core.catalog = buildMessageCatalog(messages);
    try {
      checkCatalog?.(core);
    } catch (error) {
      // Messages then take the host's own code paths; everything else stays native.
      core.catalog = undefined;
      core.catalogRejected = error instanceof Error ? error.message : String(error);
      process.emitWarning(`langgraph-native: serializer self-check on messages failed (${core.catalogRejected}); messages use the host's code`);
    }
  })().catch((error: unknown) => {
    core.error = error instanceof Error ? error.message : String(error);
    throw error;
  });
  // Observed here so that a failure is reported by the serializer, not as an unhandled rejection.
  core.ready.catch(() => undefined);
  return core;
}

/** The file URL of a core subpath's "import" build, read from core's own package.json exports. */
function esmEntryUrl(requireFromHost: NodeJS.Require, subpath: string): string {
  const manifestPath = requireFromHost.resolve("@langchain/core/package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const target = manifest.exports?.[subpath]?.import;
  const file = typeof target === "string" ? target : target?.default;
  if (typeof file !== "string") throw new Error(`@langchain/core at ${path.dirname(manifestPath)} has no ES-module build of ${subpath}`);
  return pathToFileURL(path.join(path.dirname(manifestPath), file)).href;
}
