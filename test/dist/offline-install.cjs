// Installs packed tarballs into a fresh folder without the network: the host packages come from
// the npm cache, which the project's own `npm install` filled (.ci/run does it first). The fresh
// folder gets a lockfile cut from the project's: the packages it needs, at the versions and
// integrity hashes already cached, so `npm ci --offline` fetches nothing.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** Where Node would find `name` from the package at `from` (a lockfile key), or undefined. */
function resolveIn(packages, from, name) {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
    const key = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[key]) return key;
    if (dir === "") return undefined;
  }
}

/** The registry's tarball address of a lockfile entry (the project's lockfile leaves it out): with
 * it and the integrity hash npm reads the tarball from its cache, without asking for metadata. */
function tarballUrl(registry, key, version) {
  const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
  return `${registry.replace(/\/?$/, "/")}${name}/-/${name.split("/").pop()}-${version}.tgz`;
}

/** The lockfile entries of `roots` and of everything they depend on, as the project resolved them. */
function lockClosure(projectLock, roots, registry) {
  const packages = projectLock.packages;
  const picked = {};
  const queue = roots.map((name) => ({ from: "", name, optional: false }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift();
    const key = resolveIn(packages, from, name);
    if (key === undefined) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${from || "the app"}) is not in the project's package-lock.json`);
    }
    if (picked[key]) continue;
    const { dev, devOptional, peer, ...entry } = packages[key];
    picked[key] = { resolved: tarballUrl(registry, key, entry.version), ...entry };
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push({ from: key, name: dep, optional: false });
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push({ from: key, name: dep, optional: true });
    for (const [dep, meta] of Object.entries(entry.peerDependenciesMeta ?? {})) if (meta.optional) queue.push({ from: key, name: dep, optional: true });
    for (const dep of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[dep]?.optional) queue.push({ from: key, name: dep, optional: false });
  }
  return picked;
}

/** The lockfile entry of a packed tarball, from the package.json inside it. */
function tarballEntry(tarball, manifest) {
  const fields = ["version", "license", "dependencies", "optionalDependencies", "peerDependencies", "bin", "engines", "os", "cpu", "libc"];
  const entry = { resolved: `file:${path.basename(tarball)}` };
  for (const field of fields) if (manifest[field] !== undefined) entry[field] = manifest[field];
  return entry;
}

/**
 * The entries npm itself writes for optional platform packages: with os/cpu/libc, npm skips those
 * that do not fit this machine without fetching them (they are not published from here).
 */
function platformEntries(platformManifests) {
  const entries = {};
  for (const manifest of platformManifests) {
    const { version, os, cpu, libc, license } = manifest;
    entries[`node_modules/${manifest.name}`] = { version, license, optional: true, os, cpu, ...(libc ? { libc } : {}) };
  }
  return entries;
}

/**
 * A fresh folder with `tarballs` ({ file, manifest }) and the host packages `hostPackages` (names
 * the project has installed) installed by `npm ci --offline`; `otherPlatforms` are the manifests of
 * the platform packages not packed here. Returns the folder.
 */
function installOffline({ dir, projectRoot, tarballs, hostPackages, otherPlatforms }) {
  fs.mkdirSync(dir, { recursive: true });
  const projectLock = JSON.parse(fs.readFileSync(path.join(projectRoot, "package-lock.json"), "utf8"));
  const dependencies = {};
  for (const name of hostPackages) dependencies[name] = projectLock.packages[`node_modules/${name}`].version;
  const packed = {};
  const tarballDeps = new Set();
  for (const { file, manifest } of tarballs) {
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
    dependencies[manifest.name] = `file:${path.basename(file)}`;
    packed[`node_modules/${manifest.name}`] = tarballEntry(file, manifest);
    for (const dep of Object.keys(manifest.dependencies ?? {})) tarballDeps.add(dep);
  }
  const registry = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  const packages = lockClosure(projectLock, [...hostPackages, ...tarballDeps], registry);
  const manifest = { name: "fresh-app", version: "1.0.0", private: true, type: "module", dependencies };
  const lock = { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: { "": manifest, ...packages, ...platformEntries(otherPlatforms), ...packed } };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  return dir;
}

module.exports = { installOffline };
