// The outbound-result callback receiver with Express 5: CC-iSales POSTs a bare JSON array to the
// campaign's callBackUrl and re-pushes on anything but HTTP 200, so the receiver is idempotent.
//   PORT=8088 node server.mjs
import express from "express";
import { parseCallResultCallback, CecError } from "cec-calldata";

const app = express();
const seen = new Map(); // callId → result; a real receiver writes to its database here
// express.text decodes the whole body as UTF-8 once (never chunk by chunk) and caps its size.
app.post("/cec/callback", express.text({ type: () => true, limit: "8mb" }), (req, res) => {
  try {
    for (const r of parseCallResultCallback(typeof req.body === "string" ? req.body : "")) seen.set(r.callId, r);
    res.json({ retCode: "0", retMsg: "success" });
  } catch (e) {
    if (!(e instanceof CecError)) throw e;
    res.status(400).json({ retCode: "1", retMsg: e.message });
  }
});
app.get("/cec/seen", (_req, res) => res.json([...seen.keys()]));

const server = app.listen(Number(process.env.PORT ?? 8088), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
