// For tools that copy no assets or have no top-level await (esbuild, rollup, bun build, Vite 5/6):
// the one line that differs is the import path.
import * as cec from "cec-calldata/inline";
import { run } from "./app.js";

run(cec);
