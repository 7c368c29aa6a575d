// Browser entry with explicit initialisation: call `await init()` (or init(url | Response |
// BufferSource | WebAssembly.Module)) before using the exports. Safe to call more than once.
// The .wasm is fetched from next to this file (`new URL(…, import.meta.url)`, which Vite, webpack 5
// and Parcel copy into the build).
import initWasm, * as wasm from "./cec_calldata_web.js";
import { setup, publicExports, notInitialised, CecError } from "./runtime.js";

let ready;
let initialised = false;
export function init(input) {
  ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(() => {
    setup(wasm);
    initialised = true;
  });
  return ready;
}
const surface = publicExports(wasm, () => {
  if (!initialised) throw notInitialised("cec-calldata/web");
});
export { CecError };
export const { /*WASM_NAMES*/, __testing } = surface;
