// The hand-written JS layer shared by every entry point: the CecError class and the two JS
// idioms wasm-bindgen cannot express (Error subclassing, the async-iterator protocol).
// Written once as an ES module; the build derives runtime.cjs from it for the Node entry.

const KINDS = ["validation", "api", "http", "network", "timeout", "aborted", "auth", "decode", "internal"];

/** Every failure of this package: validation, vendor API codes, HTTP, network, timeouts, aborts,
 * auth and decoding. Thrown from wasm as instances of this class. */
export class CecError extends Error {
  constructor(message, fields, options) {
    const f = fields && typeof fields === "object" ? fields : {};
    super(String(message ?? f.message ?? "CecError"), options && "cause" in options ? { cause: options.cause } : undefined);
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

/** The error of a sync call made before an explicitly initialised entry is ready. */
export function notInitialised(entry) {
  return new CecError(
    `${entry} is not initialised yet: await init() before the first call (or import "cec-calldata/inline", which needs no init).`,
    { kind: "internal" },
  );
}

/** Base64 → bytes, with what every supported runtime has (atob: browsers, Node ≥ 16, Deno, Bun, workerd). */
export function decodeBase64(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Classes whose instances are async iterators (next/return implemented in Rust).
const ASYNC_ITERATORS = ["CallResultsIterator", "TransferRecordsIterator", "ObsCodesIterator"];

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
    if (cls && !Object.prototype.hasOwnProperty.call(cls.prototype, "pages")) {
      Object.defineProperty(cls.prototype, "pages", { value: pagesOf, configurable: true });
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
    // Bytes first, decoded once: `text += chunk` would split a multi-byte character across chunks.
    const chunks = [];
    for await (const chunk of req) chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const text = new TextDecoder().decode(bytes);
    const r = await handler(new Request("http://signer.invalid/", { method: req.method, body: req.method === "POST" ? text : undefined }));
    res.writeHead(r.status, { "content-type": "application/json; charset=utf-8" });
    res.end(await r.text());
  };
  return handler;
}

// `iterator.pages()`: an async iterator over `nextPage()` (items + checkpoint); `break` stops
// the underlying iterator like `for await` over items does.
function pagesOf() {
  const it = this;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const page = await it.nextPage();
      return page === undefined ? { value: undefined, done: true } : { value: page, done: false };
    },
    async return() {
      await it.return();
      return { value: undefined, done: true };
    },
  };
}

// ---- containment: a wasm trap must not take the library down ----------------------------
//
// A trap (`RuntimeError: unreachable`, out of bounds, stack overflow) leaves the instance's memory
// in an unknown state: every later call into it is unsafe. The package is built with
// wasm-bindgen's `--experimental-reset-state-function`, which gives `__wbg_reset_state()` (a new
// instance of the same module) and marks objects of an older instance as stale (their finalizers
// and closures become no-ops). This layer turns the trap into a `CecError` of kind "internal",
// restarts the instance before the next call, and turns calls on stale objects into a clear
// `CecError` instead of a generic Error.

const STALE_MESSAGE = "Invalid stale object from previous Wasm instance";

function isTrap(e) {
  return typeof WebAssembly !== "undefined" && e instanceof WebAssembly.RuntimeError;
}

function internalError(message, cause) {
  return new CecError(message, { kind: "internal", retryable: true }, { cause });
}

/** Wraps the wasm exports: the public surface, with every call contained. `ensure` (optional)
 * runs before every call: the lazy entries instantiate the module there, or say why they can't. */
export function publicExports(wasm, ensure = () => {}) {
  const state = { dead: false, restarts: 0 };
  const convert = (e) => {
    if (isTrap(e)) {
      state.dead = true;
      return internalError(
        "The WebAssembly instance hit an internal error (" + e.message + "); it is restarted on the next call. " +
          "Free functions keep working; create new CecClient objects.",
        e,
      );
    }
    if (e instanceof Error && e.message === STALE_MESSAGE) {
      return internalError(
        "This object was created before the WebAssembly instance was restarted after an internal error; " +
          "create a new CecClient (and iterators) and call again.",
        e,
      );
    }
    return e;
  };
  const restartIfDead = () => {
    ensure();
    if (!state.dead) return;
    wasm.__wbg_reset_state();
    state.dead = false;
    state.restarts += 1;
    setup(wasm);
  };
  const settle = (r) =>
    r instanceof Promise
      ? r.catch((e) => {
          throw convert(e);
        })
      : r;
  const run = (fn, self, args) => {
    restartIfDead();
    let r;
    try {
      r = fn.apply(self, args);
    } catch (e) {
      throw convert(e);
    }
    return settle(r);
  };

  const out = {};
  for (const [k, v] of Object.entries(wasm)) {
    if (k.startsWith("__") || k === "default" || k === "initSync") continue;
    if (typeof v === "function" && v.prototype && typeof v.prototype.free === "function") {
      out[k] = containClass(v, { run, restartIfDead, convert, state });
    } else if (k === "decodeResponse" && typeof wasm.__decodeBody === "function") {
      const decode = bodyDecoder(wasm, v);
      out[k] = function (...args) {
        return run(decode, this, args);
      };
      Object.defineProperty(out[k], "name", { value: k });
    } else if (typeof v === "function") {
      out[k] = function (...args) {
        return run(v, this, args);
      };
      Object.defineProperty(out[k], "name", { value: k });
    } else {
      out[k] = v;
    }
  }
  out.CecError = CecError;
  // Not part of the API: lets the package's own tests provoke a trap and watch the restart.
  out.__testing = {
    trap: () => run(wasm.__trapForTests, undefined, []),
    restarts: () => state.restarts,
  };
  out.createSigningHandler = (options) => createSigningHandler(wasm, options);
  return out;
}

/** `decodeResponse` with the body copied into wasm memory by one `TextEncoder.encodeInto`
 * (wasm-bindgen's string passing walks ASCII in a JS loop) and the normalised JSON text parsed by
 * the engine. Anything but a string body goes to the export itself, for its exact errors. */
function bodyDecoder(wasm, plain) {
  const encoder = new TextEncoder();
  return function decodeResponse(endpoint, bodyText, options) {
    if (typeof bodyText !== "string") return plain(endpoint, bodyText, options);
    // UTF-8 needs at most 3 bytes per UTF-16 unit; try the ASCII size first.
    let capacity = bodyText.length;
    for (;;) {
      const at = wasm.__bodyBuffer(capacity);
      // After the call: growing the memory detaches an older view of it.
      const { read, written } = encoder.encodeInto(bodyText, new Uint8Array(wasm.__memory().buffer, at, capacity));
      if (read === bodyText.length) return JSON.parse(wasm.__decodeBody(endpoint, written, options));
      capacity = bodyText.length * 3;
    }
  };
}

/** Contains every method of a wasm-bindgen class, and its constructor (through a subclass). */
function containClass(cls, { run, restartIfDead, convert, state }) {
  const proto = cls.prototype;
  if (!Object.prototype.hasOwnProperty.call(proto, "__cecContained")) {
    Object.defineProperty(proto, "__cecContained", { value: true });
    const originalFree = proto.free;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor" || key === "__cecContained" || key === "__destroy_into_raw") continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (!d || typeof d.value !== "function") continue;
      const fn = d.value;
      const isFree = fn === originalFree;
      Object.defineProperty(proto, key, {
        ...d,
        value: function (...args) {
          // Freeing an object of an older instance would free memory of the new one.
          if (isFree && this.__wbg_inst !== undefined && this.__wbg_inst !== state.restarts) {
            this.__wbg_ptr = 0;
            return undefined;
          }
          return run(fn, this, args);
        },
      });
    }
  }
  // Classes built only inside wasm (the iterators) are exported as they are, so `instanceof`
  // holds for the objects wasm returns.
  if (!hasConstructor(cls)) return cls;
  const contained = class extends cls {
    constructor(...args) {
      restartIfDead();
      try {
        super(...args);
      } catch (e) {
        throw convert(e);
      }
    }
  };
  Object.defineProperty(contained, "name", { value: cls.name });
  return contained;
}

function hasConstructor(cls) {
  return /\bconstructor\s*\(/.test(Function.prototype.toString.call(cls));
}
