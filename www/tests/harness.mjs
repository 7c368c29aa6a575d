// Shared set-up of the console tests: the packed package installed into www/.deps, the static
// server on an ephemeral port, a simulator (CEC_SIM_URL, or one started here when unset), and a
// headless Chromium (Debian's, through playwright-core) whose console output is recorded.
import { spawn } from "node:child_process";
import { mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { prepare, rootDir } from "../prepare.mjs";
import { startServer } from "../serve.mjs";

export const artifactsDir = join(rootDir, "artifacts", "www");
export const docsDir = join(rootDir, "docs");

const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function startOwnSim() {
  const bin = join(rootDir, "target/sim/cec-sim");
  if (!existsSync(bin)) throw new Error("CEC_SIM_URL is not set and target/sim/cec-sim is not built (cargo build -p cec-sim --profile sim)");
  const child = spawn(bin, ["--port", "0", "--calls", "20000"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("cec-sim did not print its URL")), 30000);
    child.stdout.on("data", (d) => {
      buf += d;
      const m = /listening on (http:\/\/\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/+$/, ""));
      }
    });
    child.once("exit", (code) => reject(new Error(`cec-sim exited with ${code}`)));
  });
  child.stdout.resume();
  return { url, stop: () => child.kill() };
}

/** Starts everything; returns { simUrl, base, browser, dataset, secrets, newPage, close }. */
export async function setUp() {
  mkdirSync(artifactsDir, { recursive: true });
  prepare({ quiet: true });
  let ownSim = null;
  let simUrl = process.env.CEC_SIM_URL?.replace(/\/+$/, "");
  if (!simUrl) {
    ownSim = await startOwnSim();
    simUrl = ownSim.url;
  }
  await clearFaults(simUrl);
  const server = await startServer({ port: 0, simUrl });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: LAUNCH_ARGS });
  const dataset = await (await fetch(`${simUrl}/__sim/dataset`)).json();
  return {
    simUrl,
    base: server.url,
    browser,
    dataset,
    secrets: collectSecrets(dataset),
    async newPage(opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: opts.locale ?? "en-US", acceptDownloads: true });
      const page = await context.newPage();
      const consoleMessages = [];
      const pageErrors = [];
      page.on("console", (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
      page.on("pageerror", (e) => pageErrors.push(String(e?.stack ?? e)));
      await page.goto(server.url);
      await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
      return { page, context, consoleMessages, pageErrors };
    },
    async close() {
      await clearFaults(simUrl).catch(() => {});
      await browser.close();
      await server.close();
      ownSim?.stop();
    },
  };
}

export async function clearFaults(simUrl) {
  const res = await fetch(`${simUrl}/__sim/faults`, { method: "DELETE" });
  if (!res.ok) throw new Error(`DELETE /__sim/faults: HTTP ${res.status}`);
}

/** Every secret string of the dataset's credentials (keys named *secret*, sk, *Sk). */
export function collectSecrets(dataset) {
  const out = new Set();
  const walk = (v, key = "") => {
    if (typeof v === "string") {
      if (/secret|sk$|password/i.test(key) && v.length >= 4) out.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(dataset.credentials ?? {});
  return [...out];
}

export function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Console messages of type error, minus the HTTP failures a test provoked on purpose. */
export function consoleErrors(messages, { allowHttp = false } = {}) {
  return messages.filter((m) => m.type === "error" && !(allowHttp && /Failed to load resource|status of (5\d\d|4\d\d)/.test(m.text)));
}
