// Size of what a browser downloads for `import "cec-calldata"` (the default browser entry and the
// files it pulls in): raw, gzip -9 and brotli (quality 11). Shared by the size bench and the
// size-budget test so both measure the same thing.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** The browser entry's files, in the order a browser fetches them. */
export const BROWSER_ENTRY_FILES = [
  "index.web.js",
  "web.js",
  "runtime.js",
  "cec_calldata_web.js",
  "cec_calldata_bg.wasm",
];

export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** { files: [{ file, raw, gzip, brotli }], total: { raw, gzip, brotli }, wasm, js } for pkg/. */
export function measureBrowserEntry(pkgDir) {
  const files = BROWSER_ENTRY_FILES.map((file) => {
    const p = join(pkgDir, file);
    if (!existsSync(p)) throw new Error(`${p} is missing: run bash scripts/build-pkg.sh first`);
    return { file, ...compressedSizes(readFileSync(p)) };
  });
  const sum = (list) =>
    list.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), {
      raw: 0,
      gzip: 0,
      brotli: 0,
    });
  return {
    files,
    wasm: sum(files.filter((f) => f.file.endsWith(".wasm"))),
    js: sum(files.filter((f) => f.file.endsWith(".js"))),
    // Files are compressed one by one, as an HTTP server sends them.
    total: sum(files),
  };
}
