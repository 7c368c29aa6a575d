// Type-checks every ```ts block of README.md and js/PACKAGE_README.md under `tsc --strict`, as
// written, against the installed package:  node tests/ecosystem/readme-types.mjs <node_modules>
// Each block is its own module. Fragments may use the names PRELUDE declares (a `client` made
// earlier in the README, a `sink` to write to, the reader's `db`); nothing else is added.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const nm = resolve(process.argv[2] ?? join(root, "tests/ecosystem/.work/node_modules"));
const PRELUDE = `import type { CecClient as __CecClient, IteratorCheckpoint as __Checkpoint } from "cec-calldata";
declare global {
  const client: __CecClient;
  const sink: { write(value: unknown): Promise<void> };
  /** The reader's own database, in the resumable-export example. */
  const db: {
    loadCheckpoint(): Promise<__Checkpoint | null>;
    transaction(work: () => void): Promise<void>;
    insert(rows: unknown[]): void;
    saveCheckpoint(checkpoint: __Checkpoint): void;
  };
}
export {};
`;
const dir = mkdtempSync(join(tmpdir(), "cec-readme-ts-"));
symlinkSync(nm, join(dir, "node_modules"));
writeFileSync(join(dir, "prelude.d.ts"), PRELUDE);
const files = ["prelude.d.ts"];
for (const doc of ["README.md", "js/PACKAGE_README.md"]) {
  const text = readFileSync(join(root, doc), "utf8");
  let i = 0;
  for (const m of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = `${doc.replace(/[^a-z]/gi, "_")}_${++i}.ts`;
    // `export {}` makes each block a module, so top-level await and local names are per block.
    const body = m[1];
    writeFileSync(join(dir, name), /\bimport\b|\bexport\b/.test(body) ? body : `${body}\nexport {};\n`);
    files.push(name);
  }
}
writeFileSync(
  join(dir, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom", "esnext.disposable"], types: ["node"] },
    files,
  }),
);
writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
const r = spawnSync(process.execPath, [join(nm, "typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
process.stdout.write(r.stdout ?? "");
process.stderr.write(r.stderr ?? "");
console.log(`${files.length - 1} TypeScript blocks checked`);
process.exit(r.status ?? 1);
