"use strict";
// Node CommonJS entry: the wasm instance is created synchronously on require. The glue reads the
// module's bytes from wasm-bytes.cjs (inlined), not from a file next to it, so a Node app bundled
// by esbuild/webpack/ncc needs no asset copied.
const wasm = require("./cec_calldata_node.cjs");
const { setup, publicExports } = require("./runtime.cjs");
setup(wasm);
module.exports = publicExports(wasm);
