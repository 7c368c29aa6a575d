import * as cec from "cec-calldata";
import { run } from "./app.js";

run(cec);
