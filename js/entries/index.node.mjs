// Node ES-module entry: re-exports the CommonJS entry so require() and import share one instance.
import cjs from "./index.cjs";
export const { /*NAMES*/ } = cjs;
