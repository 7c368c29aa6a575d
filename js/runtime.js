// The hand-written JS layer shared by every entry point: the CecError class and the two JS
// idioms wasm-bindgen cannot express (Error subclassing, the async-iterator protocol).
// Written once as an ES module; the build derives runtime.cjs from it for the Node entry.

const KINDS = ["validation", "api", "http", "network", "timeout", "aborted", "auth", "decode"];

/** Every failure of this package: validation, vendor API codes, HTTP, network, timeouts, aborts,
 * auth and decoding. Thrown from wasm as instances of this class. */
export class CecError extends Error {
  constructor(message, fields) {
    const f = fields && typeof fields === "object" ? fields : {};
    super(String(message ?? f.message ?? "CecError"));
    this.name = "CecError";
    this.kind = KINDS.includes(f.kind) ? f.kind : "decode";
    this.code = f.code ?? null;
    this.httpStatus = f.httpStatus ?? null;
    this.endpoint = f.endpoint ?? null;
    this.issues = Array.isArray(f.issues) ? f.issues : [];
    this.description = f.description ?? null;
    this.retryable = f.retryable === true;
    this.attempts = typeof f.attempts === "number" ? f.attempts : 0;
    this.requestId = f.requestId ?? null;
  }

  /** A plain-object view, for logging and structured clone; it never holds secrets. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      code: this.code,
      httpStatus: this.httpStatus,
      endpoint: this.endpoint,
      issues: this.issues,
      description: this.description,
      retryable: this.retryable,
      attempts: this.attempts,
      requestId: this.requestId,
    };
  }
}

// Classes whose instances are async iterators (next/return implemented in Rust).
const ASYNC_ITERATORS = ["CallResultsIterator", "TransferRecordsIterator"];

/** Wires the wasm module to the JS layer. Idempotent. */
export function setup(wasm) {
  if (typeof wasm.__registerErrorClass === "function") wasm.__registerErrorClass(CecError);
  for (const name of ASYNC_ITERATORS) {
    const cls = wasm[name];
    if (cls && !Object.prototype.hasOwnProperty.call(cls.prototype, Symbol.asyncIterator)) {
      Object.defineProperty(cls.prototype, Symbol.asyncIterator, {
        value() {
          return this;
        },
        configurable: true,
      });
    }
  }
}

const jsonResponse = (status, value) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json; charset=utf-8" } });

/** The server half of `isales.sign` (see README): a Web-standard `(Request) => Promise<Response>`
 * that signs the CC-iSales requests a client posts to it, plus `.node(req, res)` for node:http.
 * Written in JS because Request/Response are JS idioms; the checks and the signing are in wasm. */
export function createSigningHandler(wasm, options) {
  const signer = new wasm.__RemoteSigner(options); // throws a validation CecError
  const handler = async (request) => {
    if (request.method !== "POST") return jsonResponse(405, { error: { kind: "validation", message: "POST a signing request." } });
    let body;
    try {
      body = await request.json();
    } catch {
      return jsonResponse(400, { error: { kind: "validation", message: "The body must be JSON." } });
    }
    try {
      return jsonResponse(200, { authorization: signer.sign(body) });
    } catch (e) {
      if (!(e instanceof CecError)) throw e;
      return jsonResponse(e.kind === "validation" ? 400 : 403, { error: e.toJSON() });
    }
  };
  handler.node = async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const r = await handler(new Request("http://signer.invalid/", { method: req.method, body: req.method === "POST" ? text : undefined }));
    res.writeHead(r.status, { "content-type": "application/json; charset=utf-8" });
    res.end(await r.text());
  };
  return handler;
}

/** The public surface: the wasm exports minus internals, plus CecError and createSigningHandler. */
export function publicExports(wasm) {
  const out = {};
  for (const [k, v] of Object.entries(wasm)) {
    if (k.startsWith("__") || k === "default" || k === "initSync") continue;
    out[k] = v;
  }
  out.CecError = CecError;
  out.createSigningHandler = (options) => createSigningHandler(wasm, options);
  return out;
}
