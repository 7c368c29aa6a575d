// The connection: the gateways' base URLs and credentials (the simulator's demo ones, or a
// tenant's typed in), and the CecClient made from them, remade when they or the language change.
// Secrets (SK, app secrets) live only in the `secrets` object below: never in the store, the DOM,
// the URL, storage or the console. The store only says whether each one is set.
import { store } from "../state.js";
import { t, getLocale } from "../i18n/index.js";
import { $ } from "../dom.js";
import { showError } from "./errors.js";
import { onHookRequest, onHookResponse, onHookEvent } from "./log.js";

const secrets = { secretKey: null, appSecret: null, oifdeSecret: null, demo: false };
/** The write-only input and the status line of each secret. */
const SECRET_FIELDS = [
  ["secretKey", "conn-isales-sk", "conn-isales-sk-state"],
  ["appSecret", "conn-fabric-secret", "conn-fabric-secret-state"],
  ["oifdeSecret", "conn-oifde-secret", "conn-oifde-secret-state"],
];

export function mountConnection() {
  $("conn-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    applyConnectionForm();
  });
  $("conn-forget").addEventListener("click", () => {
    secrets.secretKey = secrets.appSecret = secrets.oifdeSecret = null;
    secrets.demo = false;
    // The wasm side of the client is freed by its finalizer once nothing holds it.
    store.set({ client: null, conn: { ...store.get().conn, mode: "none" }, secretStatus: secretStatus() });
    setConnStatus("conn.forgotten");
  });
  store.subscribe(["secretStatus", "locale"], renderSecretStates);
  store.subscribe(["connStatus", "locale"], renderConnStatus);
  // The client's own messages (errors) follow the language too.
  store.subscribe(["locale"], () => {
    if (store.get().client) makeClient();
  });
  renderSecretStates();
}

export function setConnStatus(key, params = {}) {
  store.set({ connStatus: { key, params } });
}

function renderConnStatus() {
  const { connStatus } = store.get();
  $("conn-status").textContent = connStatus ? t(connStatus.key, connStatus.params) : "";
}

function secretStatus() {
  const status = {};
  for (const [key] of SECRET_FIELDS) status[key] = !secrets[key] ? "unset" : secrets.demo ? "demo" : "set";
  return status;
}

function renderSecretStates() {
  const { secretStatus } = store.get();
  const text = { unset: "conn.secretUnset", set: "conn.secretSet", demo: "conn.secretDemo" };
  for (const [key, , stateId] of SECRET_FIELDS) $(stateId).textContent = t(text[secretStatus[key]]);
}

/** Reads the inputs. Secrets are read once, then the input is cleared; an empty input keeps the
 * secret in memory. */
function readConnectionInputs() {
  const url = (id) => $(id).value.trim().replace(/\/+$/, "");
  const text = (id) => $(id).value.trim();
  for (const [key, inputId] of SECRET_FIELDS) {
    const input = $(inputId);
    if (input.value !== "") {
      secrets[key] = input.value;
      secrets.demo = false;
    }
    input.value = "";
  }
  return {
    isalesUrl: url("conn-isales-url"),
    accessKey: text("conn-isales-ak"),
    fabricUrl: url("conn-fabric-url"),
    appKey: text("conn-fabric-key"),
    oifdeUrl: url("conn-oifde-url"),
    tenantId: text("conn-oifde-tenant"),
  };
}

function applyConnectionForm() {
  const { simUrl } = store.get();
  const conn = readConnectionInputs();
  // Still the simulator when its URL and demo secrets are kept (e.g. only the retries changed).
  conn.mode = simUrl && secrets.demo && conn.isalesUrl === simUrl ? "sim" : "custom";
  store.set({ conn, secretStatus: secretStatus() });
  if (makeClient()) setConnStatus(conn.mode === "sim" ? "conn.statusSim" : "conn.statusCustom", { url: simUrl });
}

/** Connects with the simulator's gateways and demo credentials (`demo`: its secrets). */
export function useDemoCredentials(gateways, demo) {
  const { simUrl, signerPath } = store.get();
  // With the server's signer the page never keeps the SK.
  secrets.secretKey = signerPath ? null : demo.secretKey;
  secrets.appSecret = demo.appSecret;
  secrets.oifdeSecret = demo.oifdeSecret;
  secrets.demo = true;
  const conn = { ...gateways, mode: "sim" };
  $("conn-isales-url").value = conn.isalesUrl;
  $("conn-isales-ak").value = conn.accessKey;
  $("conn-fabric-url").value = conn.fabricUrl;
  $("conn-fabric-key").value = conn.appKey;
  $("conn-oifde-url").value = conn.oifdeUrl;
  $("conn-oifde-tenant").value = conn.tenantId;
  store.set({ conn, secretStatus: secretStatus() });
  if (makeClient()) setConnStatus("conn.statusSim", { url: simUrl });
}

function clientOptions() {
  const { conn, signerPath } = store.get();
  const num = (id, dflt) => {
    const v = Number($(id).value);
    return Number.isFinite(v) && $(id).value !== "" ? v : dflt;
  };
  // A gateway without a base URL is left out: the client then reports calls to it as
  // not configured, and the other gateways still work.
  return {
    isales: !conn.isalesUrl
      ? undefined
      : signerPath && !secrets.secretKey
        ? { baseUrl: conn.isalesUrl, sign: serverSign }
        : { baseUrl: conn.isalesUrl, accessKey: conn.accessKey, secretKey: secrets.secretKey ?? "" },
    apiFabric: conn.fabricUrl ? { baseUrl: conn.fabricUrl, appKey: conn.appKey, appSecret: secrets.appSecret ?? "" } : undefined,
    oifde: conn.oifdeUrl ? { baseUrl: conn.oifdeUrl, tenantId: conn.tenantId, appSecret: secrets.oifdeSecret ?? "" } : undefined,
    locale: getLocale(),
    maxRetries: num("conn-retries", 3),
    timeoutMs: num("conn-timeout", 15000),
    maxConcurrency: num("conn-concurrency", 10),
    batchIntervalMs: num("conn-interval", 1000),
    onRequest: onHookRequest,
    onResponse: onHookResponse,
    logger: onHookEvent,
    // A console where the user types app secrets is a local tool; the SK can stay on the server.
    dangerouslyAllowSecretsInBrowser: true,
  };
}

/** isales.sign: the server (serve.mjs /sign, createSigningHandler) returns the Authorization value. */
async function serverSign(request) {
  const res = await fetch(store.get().signerPath, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  const answer = await res.json();
  if (!res.ok || typeof answer.authorization !== "string") throw new Error(answer.error?.message ?? `signer answered HTTP ${res.status}`);
  return answer.authorization;
}

/** (Re)creates the client from the connection state; returns whether it worked. */
function makeClient() {
  const { lib, client, exportRun } = store.get();
  if (exportRun) return !!client; // never swap the client under a running export
  try {
    // The previous client is not freed by hand: a request may still be running on it.
    const next = new lib.CecClient(clientOptions());
    store.set({ client: next });
    loadTenantCodes(next);
    return true;
  } catch (e) {
    store.set({ client: null });
    showError(e, "op.connect");
    return false;
  }
}

/** The tenant's result-code table (queryOBSResultCode, every page) for the code columns. A
 * gateway without the interface leaves the codes described by the vendor tables alone. */
async function loadTenantCodes(c) {
  if (!store.get().conn.isalesUrl) return store.set({ tenantCodes: [] });
  try {
    const table = [];
    for await (const code of c.iterateOBSResultCodes({ vdnId: 1 })) table.push(code);
    if (c === store.get().client) store.set({ tenantCodes: table });
  } catch {
    if (c === store.get().client) store.set({ tenantCodes: [] });
  }
}
