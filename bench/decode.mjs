// Decode: a 500-record callResults page (showDetail 0) and a 100-record page (showDetail 1), taken
// live from cec-sim with a request signed by the package's `signAuthV2`, decoded to typed,
// normalised objects by `decodeResponse` against (a) JSON.parse alone, the floor, and (b)
// JSON.parse + a zod schema doing the same normalisation.
//
// Where the time goes: bench/decode-probe is the same core decoder exported without
// serde-wasm-bindgen (built by scripts/bench.sh into target/bench/decode-probe), so the split
// is measured, not guessed:
//   probe parse     JS string → wasm, serde_json::Value                (parse only)
//   probe decode    the above + envelope check + typed model            (all of decode's Rust work)
//   decodeResponse  the above + serde-wasm-bindgen building JS objects (what the package does)
//   JSON path       probe decode + serde_json::to_string + JSON.parse of that text in JS
//   JSON.parse(normalised text)  the JS-side cost of the JSON path alone (its lower bound)
// and, from the opt-level 3 build of the probe: the Rust work at opt-level 3, and a single-pass
// typed decode straight from the text (no serde_json::Value, no path tracking).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { root, requirePkg, pairedRuns, simJson, fetchCallResultsBody } from "./lib/common.mjs";
import { decodeCallResultsZod } from "./baselines/zod-call-results-response.mjs";

const PROBE = join(root, "target/bench/decode-probe/pkg/cec_bench_decode_probe.cjs");
// The same probe built with opt-level 3 instead of the package's "z", to price the size setting.
const PROBE_O3 = join(root, "target/bench/decode-probe-o3/pkg/cec_bench_decode_probe.cjs");

/** A 30-day window of campaign 101 that holds enough results for a full page of each kind. */
async function pickWindow(ds) {
  const c = ds.campaigns.find((x) => x.campaignId === 101) ?? ds.campaigns[0];
  const begin = c.firstCallDate;
  const d = new Date(`${begin}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return { vdnId: c.vdnId, campaignId: c.campaignId, beginTime: begin, endTime: d.toISOString().slice(0, 10) };
}

export async function run({ runs = 9, targetMs = 150 } = {}) {
  const lib = requirePkg();
  const ds = await simJson("/__sim/dataset");
  const creds = ds.credentials.isales;
  const w = await pickWindow(ds);
  const pages = {
    "callResults 500 records (showDetail 0)": { showDetail: 0, pageSize: 500 },
    "callResults 100 records (showDetail 1)": { showDetail: 1, pageSize: 100 },
  };
  const load = (p) => (existsSync(p) ? createRequire(import.meta.url)(p) : null);
  const probe = load(PROBE);
  const probeO3 = load(PROBE_O3);
  const out = { window: w, probe: Boolean(probe), probeO3: Boolean(probeO3), pages: [] };

  for (const [label, q] of Object.entries(pages)) {
    const body = await fetchCallResultsBody(lib, creds, {
      vdnId: w.vdnId,
      campaignId: w.campaignId,
      body: { pageSize: q.pageSize, pageNum: 1, showDetail: q.showDetail, beginTime: w.beginTime, endTime: w.endTime },
    });
    const decoded = lib.decodeResponse("callResults", body);
    assert.equal(decoded.data.length, q.pageSize, `${label}: the window must fill a whole page`);
    // Same output from both contenders, or the comparison would be meaningless.
    assert.deepStrictEqual(decodeCallResultsZod(body), decoded, `${label}: zod baseline and decodeResponse disagree`);
    const normalisedText = JSON.stringify(decoded);

    const contenders = {
      "JSON.parse": () => JSON.parse(body),
      "JSON.parse + zod": () => decodeCallResultsZod(body),
      decodeResponse: () => lib.decodeResponse("callResults", body),
      "JSON.parse(normalised text)": () => JSON.parse(normalisedText),
    };
    const ratios = [
      ["decodeResponse", "JSON.parse"],
      ["decodeResponse", "JSON.parse + zod"],
      ["JSON.parse + zod", "JSON.parse"],
    ];
    if (probe) {
      assert.deepStrictEqual(JSON.parse(probe.decodeToJson(body)), decoded, `${label}: probe output differs`);
      contenders["probe: parse only (wasm)"] = () => probe.parseValueOnly(body);
      contenders["probe: decode (wasm, no JS objects)"] = () => probe.decodeOnly(body);
      contenders["JSON path: wasm decode → JSON text → JSON.parse"] = () => JSON.parse(probe.decodeToJson(body));
      ratios.push(
        ["JSON path: wasm decode → JSON text → JSON.parse", "JSON.parse"],
        ["JSON path: wasm decode → JSON text → JSON.parse", "JSON.parse + zod"],
        ["decodeResponse", "JSON path: wasm decode → JSON text → JSON.parse"],
      );
    }
    if (probeO3) {
      assert.equal(probeO3.decodeDirect(body), q.pageSize);
      contenders["probe-o3: decode (wasm, no JS objects)"] = () => probeO3.decodeOnly(body);
      contenders["probe-o3: direct typed decode (wasm)"] = () => probeO3.decodeDirect(body);
    }
    const r = pairedRuns(contenders, { runs, targetMs, ratios });
    out.pages.push({ label, records: q.pageSize, bodyBytes: Buffer.byteLength(body), ...r });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(JSON.parse(process.argv[2] ?? "{}"))));
}
