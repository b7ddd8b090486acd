#!/usr/bin/env node
// `langgraph-native status [--json]`: starts the shim here, loads the host packages installed in the
// current directory (both builds, so both hooks run their patches and self-checks) and reports.
// `langgraph-native bench [--list] [name]`: runs the side-by-side benchmarks shipped in bench/.
// `langgraph-native build`: compiles the addon from the shipped Rust sources (no prebuilt binary).
// `langgraph-native convert --to json|msgpack <file | postgres URL>`: rewrites stored checkpoint data.
import { createRequire } from "node:module";
import path from "node:path";
import { HOST_ENTRIES } from "../patches";
import { benchCommand } from "./bench-command";
import { convertCommand } from "./convert-command";
import { buildFromSources } from "./source-build";
import { start } from "./start";
import { buildStatus, formatStatus } from "./status";

const USAGE = [
  "usage: langgraph-native status [--json]",
  "       langgraph-native bench [--list] [serializer|...|e2e [--quick] [--profile] [--only=a,b]]",
  "       langgraph-native build     (compile the addon from source: needs Rust and a C compiler)",
  "       langgraph-native convert --to json|msgpack [--batch N] <sqlite file | postgresql://... [--schema S]>",
].join("\n");

async function loadHostPackages(projectDir: string): Promise<string[]> {
  const problems: string[] = [];
  const requireFromProject = createRequire(path.join(projectDir, "package.json"));
  // Every public entry a patched file is reached through (e.g. @langchain/langgraph/prebuilt for
  // ToolNode), so each component's modules are loaded and patched as an app would load them.
  for (const name of HOST_ENTRIES) {
    try {
      requireFromProject.resolve(name);
    } catch {
      continue; // not installed here: status shows "not loaded"
    }
    try {
      requireFromProject(name);
    } catch (error) {
      problems.push(`require(${name}) failed: ${(error as Error).message}`);
    }
    try {
      // By name, as an app imports it: the ES-module hook matches bare specifiers. Installed in
      // the project, this package resolves the same copy the project does.
      await import(name);
    } catch (error) {
      problems.push(`import(${name}) failed: ${(error as Error).message}`);
    }
  }
  return problems;
}

async function statusCommand(args: string[]): Promise<number> {
  const shim = start("cli");
  const problems = await loadHostPackages(process.cwd());
  const status = buildStatus(shim);
  if (args.includes("--json")) {
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatStatus(status)}\n`);
    for (const problem of problems) process.stdout.write(`note       ${problem}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "status") return statusCommand(rest);
  if (command === "bench") return benchCommand(rest);
  if (command === "build") return buildFromSources();
  if (command === "convert") return convertCommand(rest);
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === "--help" || command === "-h" ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`langgraph-native: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
