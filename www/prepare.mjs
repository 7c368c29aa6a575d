// Installs the packed npm package into www/.deps exactly as a consumer would (`npm pack` in pkg/,
// then `npm install <tarball>`), so the page imports the published artefact, not the build tree.
// Shared by scripts/demo.sh (`node www/prepare.mjs`) and the Playwright tests (`prepare()`).
// Skips the work when pkg/ has not changed since the last install.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const wwwDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = join(wwwDir, "..");
export const depsDir = join(wwwDir, ".deps");
/** Where the installed package lives; the static server maps /vendor/cec-calldata/ onto it. */
export const installedPkgDir = join(depsDir, "node_modules", "cec-calldata");

/** A fingerprint of pkg/: every file's name, size and content hash. */
function fingerprint(pkgDir) {
  const h = createHash("sha256");
  for (const name of readdirSync(pkgDir).sort()) {
    const file = join(pkgDir, name);
    if (!statSync(file).isFile() || name === ".gitkeep") continue;
    h.update(name).update("\0").update(readFileSync(file)).update("\0");
  }
  return h.digest("hex");
}

/** Ensures www/.deps holds the current package; returns the installed package's directory. */
export function prepare({ quiet = false } = {}) {
  const pkgDir = join(rootDir, "pkg");
  if (!existsSync(join(pkgDir, "package.json"))) {
    throw new Error("pkg/ is empty: build the package first (bash scripts/build-pkg.sh)");
  }
  const stampFile = join(depsDir, "stamp");
  const want = fingerprint(pkgDir);
  if (existsSync(join(installedPkgDir, "index.web.js")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === want) {
    return installedPkgDir;
  }
  const log = quiet ? () => {} : (m) => console.log(`[www] ${m}`);
  log("installing the packed cec-calldata tarball into www/.deps");
  rmSync(depsDir, { recursive: true, force: true });
  mkdirSync(depsDir, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const out = execFileSync(npm, ["pack", "--silent", "--pack-destination", depsDir], { cwd: pkgDir, encoding: "utf8" });
  const tarball = out.trim().split("\n").pop();
  writeFileSync(join(depsDir, "package.json"), `${JSON.stringify({ name: "cec-console-deps", private: true }, null, 2)}\n`);
  execFileSync(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error", `./${tarball}`], {
    cwd: depsDir,
    stdio: quiet ? "ignore" : "inherit",
  });
  if (!existsSync(join(installedPkgDir, "index.web.js"))) throw new Error("npm install did not produce cec-calldata/index.web.js");
  writeFileSync(stampFile, want);
  return installedPkgDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    prepare();
  } catch (e) {
    console.error(`[www] ${e.message}`);
    process.exit(1);
  }
}
