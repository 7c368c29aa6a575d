// Default browser entry: initialised on import (top-level await), shares its instance with
// "cec-calldata/web". Tools without top-level await or without asset handling: "cec-calldata/inline".
import { init } from "./web.js";
await init();
export * from "./web.js";
