// README.md's "Nightly sync" and "Receive pushes" shell blocks, run the way a reader runs them:
// each block in bash, in a fresh directory, against the simulator. The test changes only what it
// must: the `npm install` line goes (the package and better-sqlite3 are installed already, as the
// README's Install section does it), the simulator's port and the receiver's port become free
// ones. Everything else, flags, environment, heredocs, runs as written.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const SIM = new URL(process.env.CEC_SIM_URL);
// The test runs from tests/js/.work/app (scripts/test.sh); README.md is at the repository's root.
const README = process.env.CEC_README ?? resolve(fileURLToPath(import.meta.url), "../../../../../README.md");
const here = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "cec-readme-sync-"));
after(() => rmSync(dir, { recursive: true, force: true }));
// `npx cec-calldata` finds the installed package as in the reader's project.
symlinkSync(join(here, "node_modules"), join(dir, "node_modules"));

/** The first ```sh block under `## heading`. */
function shBlock(heading) {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has no section "${heading}"`);
  const m = /\n```sh\n([\s\S]*?)\n```/.exec(text.slice(start));
  assert.ok(m, `no sh block under "${heading}"`);
  return m[1];
}

const freePort = () =>
  new Promise((r) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });

function bash(script) {
  // Background jobs (the receiver, under npx) end with the block: each is its own process group
  // (set -m), killed whole, so no child keeps the port or this test's pipes.
  const wrapped = `set -euo pipefail -m\ntrap 'for p in $(jobs -p); do kill -- -$p 2>/dev/null || true; done' EXIT\n${script}\n`;
  const env = { ...process.env, PATH: `${join(here, "node_modules/.bin")}:${process.env.PATH}` };
  delete env.CEC_ISALES_SECRET_KEY;
  delete env.CEC_CALLBACK_TOKEN;
  return spawnSync("bash", ["-c", wrapped], { cwd: dir, env, encoding: "utf8", timeout: 180_000 });
}

async function truthCount(begin, end) {
  const q = new URLSearchParams({ vdnId: "1", campaignId: "101", showDetail: "1", beginTime: begin, endTime: end });
  const r = await (await fetch(`${SIM.origin}/__sim/calls?${q}`)).json();
  return r.data.length;
}

test("README 'Nightly sync': first run, nightly run, CSV export, as written", async () => {
  const block = shBlock("Nightly sync");
  assert.match(block, /^npm install \.\/pkg\/cec-calldata-[\d.]+\.tgz better-sqlite3/m);
  const script = block
    .split("\n")
    .filter((l) => !l.startsWith("npm install "))
    .join("\n")
    .replaceAll("127.0.0.1:8790", SIM.host);
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const until = tomorrow();
  const r = bash(script);
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  // The nightly run continued to tomorrow (UTC), so the table holds every result from 2026-06-01.
  // (A run across midnight UTC cannot know which tomorrow the CLI took: the dataset ends in
  // October, so both give the same count unless the simulator's data reaches today.)
  assert.equal(await truthCount("2026-06-01", until), await truthCount("2026-06-01", tomorrow()));
  const want = await truthCount("2026-06-01", until);
  assert.ok(want > 1000, `${want}`);
  const db = new Database(join(dir, "calls.db"), { readonly: true });
  try {
    assert.equal(db.prepare("SELECT count(*) AS n FROM cec_call_results WHERE vdn_id = 1 AND campaign_id = '101'").get().n, want);
  } finally {
    db.close();
  }
  const csv = readFileSync(join(dir, "calls.csv"), "utf8").split("\r\n").filter(Boolean);
  assert.equal(csv.length, want + 1, "a header and one line per result");
  assert.match(csv[0], /^call_id,/);
  assert.match(r.stderr, /exported \d+ records/);
  assert.ok(!`${r.stdout}${r.stderr}`.includes("cec-demo-sk-7c1f2e9a"), "the secret is never printed");
});

test("README 'Receive pushes': the receiver acknowledges a push only after storing it, as written", async () => {
  const block = shBlock("Receive pushes");
  const port = String(await freePort());
  const r = bash(block.replaceAll("8088", port));
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const expected = /^# (.+)$/m.exec(block)[1];
  assert.equal(r.stdout.trim(), expected);
  const pushed = JSON.parse(/--data-raw '(.+)'/.exec(block)[1]);
  const db = new Database(join(dir, "calls.db"), { readonly: true });
  try {
    const row = db.prepare("SELECT call_id, fail_code FROM cec_call_results WHERE call_id = ?").get(pushed[0].callId);
    assert.equal(row?.call_id, pushed[0].callId);
  } finally {
    db.close();
  }
});
