// The push receiver: CC-iSales POSTs a bare JSON array of call results to the campaign's
// callBackUrl and retries a non-200 answer (at most six pushes), so the receiver must be
// idempotent on callId and must acknowledge only what it has stored.
import { createHash, timingSafeEqual } from "node:crypto";
import { parseCallResultCallback, CecError } from "cec-calldata";
import { resultRow } from "./schema.js";

export const ACK = '{"retCode":"0","retMsg":"success"}';
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
const fail = (status, msg) => ({ status, body: JSON.stringify({ retCode: "1", retMsg: msg }) });

const digest = (s) => createHash("sha256").update(String(s)).digest();

/**
 * `createCallbackHandler({ store?, onResults?, token?, maxBodyBytes? })` → a Web-standard
 * `(Request) => Promise<Response>` with `.node(req, res)` for node:http / Express / Fastify.
 */
export function createCallbackHandler(options = {}) {
  const { store, onResults, token, maxBodyBytes = 8 * 1024 * 1024, onError } = options;
  if (store !== undefined && typeof store?.writePushed !== "function") throw new TypeError("createCallbackHandler: store must be a store (openStore)");
  if (onResults !== undefined && typeof onResults !== "function") throw new TypeError("createCallbackHandler: onResults must be a function");
  if (token !== undefined && (typeof token !== "string" || token.length < 16)) {
    throw new TypeError("createCallbackHandler: token must be a string of at least 16 characters");
  }
  const tokenDigest = token === undefined ? null : digest(token);
  const decoder = new TextDecoder("utf-8", { fatal: true });

  // Shared by both adapters: the method, the path and the raw body bytes in, status and body out.
  async function handle(method, path, bytes) {
    if (tokenDigest) {
      const last = String(path).split("?")[0].split("/").filter(Boolean).pop() ?? "";
      // Compared as digests: constant time whatever the length. 404 so a scanner learns nothing.
      let segment;
      try {
        segment = decodeURIComponent(last);
      } catch {
        return fail(404, "not found"); // a malformed %-escape cannot be the token
      }
      if (!timingSafeEqual(digest(segment), tokenDigest)) return fail(404, "not found");
    }
    if (method !== "POST") return fail(405, "POST only");
    if (bytes === null) return fail(413, "body too large");
    let text;
    try {
      text = decoder.decode(bytes);
    } catch {
      return fail(400, "body is not UTF-8");
    }
    let results;
    try {
      results = parseCallResultCallback(text);
    } catch (e) {
      if (e instanceof CecError) return fail(400, e.message);
      throw e;
    }
    try {
      if (store && results.length) await store.writePushed(results.map((r) => resultRow(r, "push")));
      if (onResults) await onResults(results);
    } catch (e) {
      // Not acknowledged: the vendor pushes again later, so nothing is lost.
      onError?.(e);
      return fail(500, "not stored");
    }
    return { status: 200, body: ACK };
  }

  async function fetchHandler(request) {
    let bytes;
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > maxBodyBytes) bytes = null;
    else bytes = await readCapped(request.body, maxBodyBytes);
    const r = await handle(request.method, new URL(request.url).pathname, bytes);
    return new Response(r.body, { status: r.status, headers: JSON_HEADERS });
  }

  fetchHandler.node = (req, res) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on("data", (c) => {
      size += c.length;
      if (size > maxBodyBytes) over = true;
      else chunks.push(c);
    });
    req.on("error", () => res.destroy());
    req.on("end", async () => {
      // Bytes concatenated first, decoded once: a multi-byte character split across chunks stays whole.
      const bytes = over ? null : Buffer.concat(chunks);
      let r;
      try {
        r = await handle(req.method, req.url ?? "/", bytes);
      } catch (e) {
        onError?.(e);
        r = fail(500, "internal error");
      }
      res.writeHead(r.status, JSON_HEADERS).end(r.body);
    });
  };
  return fetchHandler;
}

async function readCapped(body, max) {
  if (!body) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  for await (const c of body) {
    size += c.byteLength;
    if (size > max) return null;
    chunks.push(c);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
