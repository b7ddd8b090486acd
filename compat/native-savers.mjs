// The native saver classes built on this process's host classes, without the preload shim: the
// suite imports the host through vitest's own loader, so the classes are defined explicitly here.
import { createRequire } from "node:module";
import { MemorySaver } from "@langchain/langgraph-checkpoint";

const require = createRequire(import.meta.url);
const { loadAddon } = require("../dist/shim/addon.js");
const { defineNativeMemorySaver } = require("../dist/patches/memory/native-memory-saver.js");

const loaded = loadAddon(undefined);
if (!loaded.loaded) throw new Error(`native addon not loaded: ${loaded.error}`);
export const addon = loaded.addon;

export const NativeMemorySaver = defineNativeMemorySaver(MemorySaver, addon);

const { SqliteSaver } = await import("@langchain/langgraph-checkpoint-sqlite");
const { defineNativeSqliteSaver } = require("../dist/patches/memory/native-sqlite-saver.js");

export const NativeSqliteSaver = defineNativeSqliteSaver(SqliteSaver, addon, { synchronousFull: false });
