// Builds the API reference (HTML) from the package's own declarations with TypeDoc:
//   node scripts/api-docs.mjs [out-dir]      (default target/api-docs; needs pkg/ built)
// TypeDoc comes from the ecosystem tests' pinned tools (tests/ecosystem/.work), or any TypeDoc on
// NODE_PATH-style resolution from the repository root.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(process.argv[2] ?? join(root, "target/api-docs"));
const candidates = [join(root, "tests/ecosystem/.work/node_modules/typedoc/bin/typedoc"), join(root, "node_modules/typedoc/bin/typedoc")];
const typedoc = candidates.find(existsSync);
if (!typedoc) {
  console.error("TypeDoc is not installed: run `node tests/ecosystem/run.mjs typedoc` once (it installs the pinned tools), or `npm i -D typedoc`.");
  process.exit(2);
}
if (!existsSync(join(root, "pkg/index.d.ts"))) {
  console.error("pkg/ is not built: bash scripts/build-pkg.sh");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "cec-typedoc-"));
writeFileSync(
  join(dir, "tsconfig.json"),
  JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom", "esnext.disposable"], skipLibCheck: true }, files: [join(root, "pkg/index.d.ts"), join(root, "pkg/web.d.ts")] }),
);
const r = spawnSync(
  process.execPath,
  [typedoc, "--tsconfig", join(dir, "tsconfig.json"), "--entryPoints", join(root, "pkg/index.d.ts"), "--name", "cec-calldata", "--readme", join(root, "js/PACKAGE_README.md"), "--out", out, "--logLevel", "Warn"],
  { stdio: "inherit" },
);
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`API reference: ${join(out, "index.html")}`);
