// Browser/bundler entry with the module inlined (base64) and no top-level await: nothing to copy,
// nothing to await. The module is compiled and instantiated synchronously on the first call
// (current browsers, Deno, Bun and Node allow it), or earlier and off the main thread with an
// optional `await init()`. For esbuild, rollup, `bun build`, Vite 5/6 and plain pages.
import * as wasm from "./cec_calldata_web.js";
import { wasmBase64 } from "./wasm-bytes.js";
import { setup, publicExports, decodeBase64, CecError } from "./runtime.js";

let initialised = false;
function instantiate(module) {
  if (initialised) return;
  wasm.initSync({ module });
  setup(wasm);
  initialised = true;
}
/** Optional: compile asynchronously now, so the first call does not compile on the main thread. */
export async function init() {
  if (!initialised) instantiate(await WebAssembly.compile(decodeBase64(wasmBase64)));
}
const surface = publicExports(wasm, () => {
  if (!initialised) instantiate(new WebAssembly.Module(decodeBase64(wasmBase64)));
});
export { CecError };
export const { /*WASM_NAMES*/, __testing } = surface;
