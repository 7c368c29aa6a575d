#!/usr/bin/env node
// `npx cec-calldata sync|export|receive|check`. Config from a JSON file (--config) and
// environment variables; secrets only from the file or the environment, never from arguments,
// never printed. Exit codes: see EXIT below and the README.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { CecClient, CecError } from "cec-calldata";
import { openStore, sync, syncTransferRecords, createCallbackHandler, StoreError, SyncLockedError, SyncOptionError } from "./index.js";
import { exportRows } from "./export.js";
import { parseYmd } from "./sync.js";
import { Progress } from "./progress.js";

export const EXIT = { ok: 0, failed: 1, usage: 2, locked: 3, store: 4, interrupted: 130 };

const USAGE = `usage:
  cec-calldata sync    --config cec.json --vdn N --campaign N [--from YYYY-MM-DD] [--until YYYY-MM-DD] --db URL
                       [--overlap-days N] [--wait-lock] [--show-detail 1|0]
  cec-calldata sync    --what transfer-records --config cec.json --user-mobile N|--call-id ID|--cti-call-id ID
                       [--from YYYY-MM-DD] [--until YYYY-MM-DD] --db URL [--overlap-days N] [--wait-lock]
  cec-calldata export  --db URL --vdn N --campaign N [--from YYYY-MM-DD] [--until YYYY-MM-DD] --format csv|ndjson [--out FILE|-]
  cec-calldata export  --what transfer-records --db URL --tenant ID --format csv|ndjson [--out FILE|-]
  cec-calldata receive --db URL [--port 8088] [--host 127.0.0.1]
  cec-calldata check   --config cec.json [--db URL] [--vdn N --campaign N]
URL: sqlite:./calls.db | postgres://user@host:5432/db (password in PGPASSWORD or ~/.pgpass).
Secrets come from the config file or the environment: CEC_ISALES_SECRET_KEY, CEC_API_FABRIC_APP_SECRET,
CEC_OIFDE_APP_SECRET, CEC_OIFDE_AUTH_TOKEN, CEC_CALLBACK_TOKEN (receive: the URL path must end with it).`;

const FLAGS = {
  sync: ["what", "config", "vdn", "campaign", "from", "until", "db", "overlap-days", "wait-lock", "show-detail", "user-mobile", "call-id", "cti-call-id"],
  export: ["what", "db", "vdn", "campaign", "tenant", "from", "until", "format", "out"],
  receive: ["db", "port", "host"],
  check: ["config", "db", "vdn", "campaign"],
};
const BOOLEAN = new Set(["wait-lock"]);
const SECRETISH = /secret|password|passwd|token|(^|-)sk$|key$|auth/i;

class UsageError extends Error {}

export function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (!FLAGS[command]) throw new UsageError(command ? `unknown command: ${command}` : "no command");
  const out = { command };
  for (let i = 0; i < rest.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(rest[i]);
    if (!m) throw new UsageError(`unexpected argument at position ${i + 2}`);
    const name = m[1];
    // Named without its value: a secret on the command line ends up in shell history and `ps`.
    if (SECRETISH.test(name)) throw new UsageError(`--${name}: secrets are never taken from the command line; use the config file or the environment`);
    if (!FLAGS[command].includes(name)) throw new UsageError(`unknown option for ${command}: --${name}`);
    if (BOOLEAN.has(name)) out[name] = true;
    else if (m[2] !== undefined) out[name] = m[2];
    else if (i + 1 < rest.length) out[name] = rest[++i];
    else throw new UsageError(`--${name} needs a value`);
  }
  if (typeof out.db === "string" && /^\w+:\/\/[^/@\s]*:[^@\s]*@/.test(out.db)) {
    throw new UsageError("--db: put the database password in PGPASSWORD or ~/.pgpass, not on the command line");
  }
  return out;
}

/** The client config: the file, then the environment's secrets over it. */
export function loadConfig(path, env = process.env) {
  if (!path) throw new UsageError("--config is required");
  let config;
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--config ${path}: ${e.code === "ENOENT" ? "no such file" : "not valid JSON"}`);
  }
  if (!config || typeof config !== "object" || Array.isArray(config)) throw new UsageError(`--config ${path}: must be a JSON object`);
  const set = (gw, field, name) => {
    if (env[name]) config[gw] = { ...(config[gw] ?? {}), [field]: env[name] };
  };
  set("isales", "secretKey", "CEC_ISALES_SECRET_KEY");
  set("apiFabric", "appSecret", "CEC_API_FABRIC_APP_SECRET");
  set("oifde", "appSecret", "CEC_OIFDE_APP_SECRET");
  set("oifde", "authToken", "CEC_OIFDE_AUTH_TOKEN");
  return config;
}

const need = (a, ...names) => {
  for (const n of names) if (a[n] === undefined) throw new UsageError(`--${n} is required`);
};

const WHAT = ["call-results", "transfer-records"];
const transfers = (a) => {
  if (a.what !== undefined && !WHAT.includes(a.what)) throw new UsageError(`--what must be ${WHAT.join(" or ")}`);
  return a.what === "transfer-records";
};

async function cmdSync(a, io) {
  const isTransfers = transfers(a);
  if (isTransfers) {
    need(a, "db");
    if (a.vdn !== undefined || a.campaign !== undefined || a["show-detail"] !== undefined) throw new UsageError("--vdn, --campaign and --show-detail are for call results");
  } else {
    need(a, "vdn", "campaign", "db");
    if (a["user-mobile"] !== undefined || a["call-id"] !== undefined || a["cti-call-id"] !== undefined) throw new UsageError("--user-mobile, --call-id and --cti-call-id need --what transfer-records");
  }
  const config = loadConfig(a.config, io.env);
  if (isTransfers && !config.oifde?.tenantId) throw new UsageError(`--config ${a.config}: transfer records need oifde.tenantId`);
  const client = new CecClient(config);
  const store = await openStore(a.db);
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const bar = new Progress(io.stderr);
  try {
    const common = {
      client,
      store,
      from: a.from,
      to: a.until,
      overlapDays: a["overlap-days"] === undefined ? undefined : Number(a["overlap-days"]),
      lockWait: Boolean(a["wait-lock"]),
      signal: ac.signal,
      onProgress: (p) => bar.update(p),
    };
    const r = isTransfers
      ? await syncTransferRecords({
          ...common,
          tenantId: String(config.oifde.tenantId),
          userMobile: a["user-mobile"],
          callId: a["call-id"],
          ctiCallId: a["cti-call-id"],
        })
      : await sync({
          ...common,
          vdnId: Number(a.vdn),
          campaignId: a.campaign,
          showDetail: a["show-detail"] === undefined ? undefined : Number(a["show-detail"]),
        });
    bar.done();
    io.stdout.write(
      `${r.resumed ? "resumed and " : ""}synced ${r.written} records (${r.request.beginTime}..${r.request.endTime}) in ${r.seconds.toFixed(1)} s; synced until ${r.syncedUntil}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    bar.done();
    if (ac.signal.aborted) {
      io.stderr.write("interrupted: the last committed page is saved; run the same command to resume\n");
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await store.close().catch(() => {});
  }
}

async function cmdExport(a, io) {
  const isTransfers = transfers(a);
  if (isTransfers) need(a, "db", "tenant", "format");
  else need(a, "db", "vdn", "campaign", "format");
  if (!["csv", "ndjson"].includes(a.format)) throw new UsageError("--format must be csv or ndjson");
  // Checked before the database is opened: a typo must not become an empty export.
  for (const f of ["from", "until"]) {
    if (a[f] !== undefined && parseYmd(a[f]) === null) throw new UsageError(`--${f} must be a date YYYY-MM-DD, got ${JSON.stringify(a[f])}`);
  }
  for (const f of isTransfers ? [] : ["vdn", "campaign"]) {
    if (!/^[0-9]{1,10}$/.test(a[f])) throw new UsageError(`--${f} must be a positive integer, got ${JSON.stringify(a[f])}`);
  }
  if (isTransfers && !/^\S+$/.test(a.tenant)) throw new UsageError(`--tenant must be the OIFDE tenant ID, got ${JSON.stringify(a.tenant)}`);
  const store = await openStore(a.db);
  try {
    const n = await exportRows(store, a, io);
    io.stderr.write(`exported ${n} records\n`);
    return EXIT.ok;
  } finally {
    await store.close().catch(() => {});
  }
}

async function cmdReceive(a, io) {
  need(a, "db");
  const port = Number(a.port ?? 8088);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be 0..65535");
  const store = await openStore(a.db);
  const token = io.env.CEC_CALLBACK_TOKEN || undefined;
  const handler = createCallbackHandler({ store, token, onError: (e) => io.stderr.write(`push not stored: ${e.message}\n`) });
  const server = createServer(handler.node);
  await new Promise((res, rej) => server.once("error", rej).listen(port, a.host ?? "127.0.0.1", res));
  io.stderr.write(`receiving pushes on http://${a.host ?? "127.0.0.1"}:${server.address().port}/${token ? "<CEC_CALLBACK_TOKEN>" : ""}\n`);
  await new Promise((res) => {
    const stop = () => server.close(res);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await store.close().catch(() => {});
  return EXIT.ok;
}

async function cmdCheck(a, io) {
  const client = new CecClient(loadConfig(a.config, io.env));
  io.stdout.write(`config ok: ${JSON.stringify(client)}\n`);
  if (a.vdn !== undefined && a.campaign !== undefined) {
    const r = await client.queryCallResults({ vdnId: Number(a.vdn), campaignId: Number(a.campaign), pageNum: 1, pageSize: 1 });
    io.stdout.write(`CC-iSales ok: campaign ${a.campaign} has ${r.totalCount ?? "?"} results\n`);
  }
  if (a.db) {
    const store = await openStore(a.db);
    io.stdout.write(`database ok: ${store.kind}, ${await store.count()} call results\n`);
    await store.close();
  }
  return EXIT.ok;
}

export async function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env }) {
  let a;
  try {
    a = parseArgs(argv);
    return await { sync: cmdSync, export: cmdExport, receive: cmdReceive, check: cmdCheck }[a.command](a, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof SyncOptionError) {
      io.stderr.write(`cec-calldata: ${e.message}\n${e instanceof UsageError ? `${USAGE}\n` : ""}`);
      return EXIT.usage;
    }
    if (e instanceof SyncLockedError) {
      io.stderr.write(`cec-calldata: ${e.message}\n`);
      return EXIT.locked;
    }
    if (e instanceof StoreError) {
      io.stderr.write(`cec-calldata: database: ${e.message}\n`);
      return EXIT.store;
    }
    if (e instanceof CecError) {
      // CecError messages are scrubbed of credentials by the core.
      io.stderr.write(`cec-calldata: ${e.kind}: ${e.message}\n`);
      return e.kind === "validation" ? EXIT.usage : EXIT.failed;
    }
    io.stderr.write(`cec-calldata: ${e?.message ?? e}\n`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
