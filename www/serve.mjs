// A tiny dependency-free static server for the console: serves www/, maps /vendor/cec-calldata/ to
// the package installed by prepare.mjs, answers /config.json with the simulator's URL, and, with a
// simulator, signs the console's CC-iSales requests at POST /sign (createSigningHandler), so the
// page never holds the SK.
// CLI: node www/serve.mjs [--port 8080] [--host 127.0.0.1] [--sim http://127.0.0.1:8790]
// API: const { url, close } = await startServer({ port: 0, simUrl });
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { wwwDir, installedPkgDir } from "./prepare.mjs";

/** The signing handler for the simulator's demo key pair (from /__sim/dataset), or null. */
async function simSigner(simUrl) {
  if (!simUrl) return null;
  try {
    const ds = await (await fetch(`${simUrl.replace(/\/+$/, "")}/__sim/dataset`)).json();
    const { ak, sk } = ds.credentials?.isales ?? {};
    if (!ak || !sk) return null;
    const { createSigningHandler } = createRequire(import.meta.url)(join(installedPkgDir, "index.cjs"));
    return createSigningHandler({ accessKey: ak, secretKey: sk, allow: simUrl });
  } catch {
    return null; // the simulator is not up yet: the console falls back to the SK
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".wasm", ".svg"]);

/** The CSP allows exactly the inline import map of index.html (by hash), no other inline script. */
function contentSecurityPolicy() {
  const html = readFileSync(join(wwwDir, "index.html"), "utf8");
  const m = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html);
  const hash = m ? `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hash}`.trim(),
    // A user may point the console at any tenant's gateways; blob: for the CSV export.
    "connect-src * blob:",
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Maps a URL path onto a file, or null when it is outside what the page may load. */
function resolvePath(pathname) {
  let base = wwwDir;
  let rel = pathname;
  if (pathname.startsWith("/vendor/cec-calldata/")) {
    base = installedPkgDir;
    rel = pathname.slice("/vendor/cec-calldata".length);
  } else if (pathname === "/") {
    rel = "/index.html";
  } else if (/^\/(tests|\.deps)(\/|$)/.test(pathname)) {
    return null;
  }
  const ext = extname(rel);
  if (!TYPES[ext]) return null;
  const file = normalize(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/** Starts the server; resolves with its URL and a close() function. */
export async function startServer({ port = 0, host = "127.0.0.1", simUrl = process.env.CEC_SIM_URL ?? "", quiet = true } = {}) {
  const csp = contentSecurityPolicy();
  const cache = new Map(); // file -> { mtimeMs, raw, gz }
  const signer = await simSigner(simUrl);
  const server = createServer(async (req, res) => {
    const common = {
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    };
    let url;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      res.writeHead(400, common).end();
      return;
    }
    if (url.pathname === "/sign" && signer) {
      await signer.node(req, res);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...common, allow: "GET, HEAD" }).end();
      return;
    }
    if (url.pathname === "/config.json") {
      const body = JSON.stringify({ simUrl: simUrl || null, signer: signer ? "/sign" : null });
      res.writeHead(200, { ...common, "content-type": TYPES[".json"] }).end(req.method === "HEAD" ? undefined : body);
      return;
    }
    const file = resolvePath(decodeURIComponent(url.pathname));
    if (!file) {
      res.writeHead(404, { ...common, "content-type": "text/plain" }).end("not found");
      return;
    }
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error("not a file");
      let entry = cache.get(file);
      if (!entry || entry.mtimeMs !== st.mtimeMs) {
        const raw = await readFile(file);
        entry = { mtimeMs: st.mtimeMs, raw, gz: COMPRESSIBLE.has(extname(file)) && raw.length > 1024 ? gzipSync(raw) : null };
        cache.set(file, entry);
      }
      const headers = { ...common, "content-type": TYPES[extname(file)] };
      if (file.endsWith(".html")) headers["content-security-policy"] = csp;
      const gzip = entry.gz && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
      const body = gzip ? entry.gz : entry.raw;
      if (gzip) headers["content-encoding"] = "gzip";
      headers["content-length"] = body.length;
      headers.vary = "accept-encoding";
      res.writeHead(200, headers).end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { ...common, "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}/`;
  if (!quiet) console.log(`cec-calldata console: ${url}`);
  return {
    url,
    server,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
  };
  const port = Number(opt("port", process.env.WWW_PORT ?? 8080));
  const host = opt("host", process.env.WWW_HOST ?? "127.0.0.1");
  const simUrl = opt("sim", process.env.CEC_SIM_URL ?? "");
  startServer({ port, host, simUrl, quiet: false }).catch((e) => {
    console.error(`[www] could not start the server on ${host}:${port}: ${e.message}`);
    process.exit(1);
  });
}
