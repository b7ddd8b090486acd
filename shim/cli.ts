#!/usr/bin/env node
// `langgraph-native status [--json]`: starts the shim here, loads the host packages installed in the
// current directory (both builds, so both hooks run their patches and self-checks) and reports.
// `langgraph-native bench [name]`: runs the side-by-side benchmarks in bench/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { HOST_ENTRIES } from "../patches";
import { start } from "./start";
import { buildStatus, formatStatus } from "./status";

const USAGE = "usage: langgraph-native status [--json] | langgraph-native bench [serializer|...|e2e [--quick] [--only=a,b]]";

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

// Benchmarks run only by name: the end-to-end suite takes minutes, not seconds.
const ONLY_BY_NAME = new Set(["e2e.bench.cjs"]);

function benchCommand(args: string[]): number {
  const benchDir = path.resolve(__dirname, "..", "..", "bench");
  const [wanted, ...benchArgs] = args;
  const files = fs.readdirSync(benchDir).filter((file) => file.endsWith(".bench.cjs"));
  const selected = wanted ? files.filter((file) => file.startsWith(`${wanted}.`)) : files.filter((file) => !ONLY_BY_NAME.has(file));
  if (selected.length === 0) {
    process.stderr.write(`no benchmark named ${JSON.stringify(wanted)}; have: ${files.join(", ")}\n`);
    return 2;
  }
  for (const file of selected) {
    const result = spawnSync(process.execPath, ["--expose-gc", path.join(benchDir, file), ...benchArgs], { stdio: "inherit" });
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "status") return statusCommand(rest);
  if (command === "bench") return benchCommand(rest);
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
