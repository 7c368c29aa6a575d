// An on-premises gateway behind a certificate from a private CA: a TLS proxy with a self-signed
// certificate (made here with openssl) in front of cec-sim (CEC_SIM_URL). The default client
// fails with a clear, non-retried certificate error; with `fetch` configured for the CA it works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { CecClient, CecError } from "cec-calldata";

const SIM = new URL(process.env.CEC_SIM_URL);

function selfSigned() {
  const dir = mkdtempSync(join(tmpdir(), "cec-tls-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fetch that trusts `ca`, built on node:https (what an undici Agent with `connect: { ca }` does). */
const fetchTrusting = (ca) => (url, init) =>
  new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (init.body != null) headers["Content-Length"] = Buffer.byteLength(init.body);
    const req = https.request(url, { method: init.method, headers, ca }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h.set(k, v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: h }));
      });
    });
    req.on("error", (e) => reject(new TypeError("fetch failed", { cause: e })));
    init.signal?.addEventListener("abort", () => req.destroy(new Error("aborted")));
    if (init.body != null) req.write(init.body);
    req.end();
  });

test("a self-signed HTTPS gateway: certificate error not retried; fetch with the CA succeeds", async (t) => {
  const { key, cert } = selfSigned();
  const proxy = tls.createServer({ key, cert }, (socket) => {
    const upstream = net.connect(Number(SIM.port), SIM.hostname);
    socket.pipe(upstream).pipe(socket);
    const end = () => { socket.destroy(); upstream.destroy(); };
    socket.on("error", end);
    upstream.on("error", end);
  });
  await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
  t.after(() => new Promise((r) => proxy.close(r)));
  const baseUrl = `https://127.0.0.1:${proxy.address().port}`;
  const isales = { baseUrl, accessKey: "cec-demo-ak", secretKey: "cec-demo-sk-7c1f2e9a" };
  const request = { vdnId: 1, campaignId: 101, pageSize: 2 };

  const plain = new CecClient({ isales, maxRetries: 2 });
  await assert.rejects(plain.queryCallResults(request), (e) => {
    assert.ok(e instanceof CecError);
    assert.equal(e.kind, "network");
    assert.equal(e.retryable, false);
    assert.equal(e.attempts, 1, "a certificate error is not retried");
    assert.match(e.message, /SELF_SIGNED|UNABLE_TO_VERIFY/);
    assert.match(e.message, /NODE_EXTRA_CA_CERTS/);
    assert.ok(e.cause);
    return true;
  });

  const trusted = new CecClient({ isales, fetch: fetchTrusting(cert) });
  const page = await trusted.queryCallResults(request);
  assert.equal(page.data.length, 2);
  const report = await trusted.checkConnection();
  assert.equal(report.isales.ok, true, JSON.stringify(report));
});
