// Cloudflare Workers entry (export condition "workerd"): workerd refuses to compile wasm from bytes
// at run time, so the module is imported as a WebAssembly.Module (wrangler and miniflare compile
// `.wasm` imports at upload) and instantiated synchronously at start.
import * as wasm from "./cec_calldata_web.js";
import wasmModule from "./cec_calldata_bg.wasm";
import { setup, publicExports, CecError } from "./runtime.js";

wasm.initSync({ module: wasmModule });
setup(wasm);
const surface = publicExports(wasm);
/** Already initialised; kept so code written for the browser entries runs unchanged. */
export async function init() {}
export { CecError };
export const { /*WASM_NAMES*/, __testing } = surface;
