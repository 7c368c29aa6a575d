// The console's one store. Features read the state with store.get(), change it with
// store.set(patch) and re-render in the subscribers they register for the keys they show: a
// language switch is store.set({ locale }), and every view that shows text re-renders itself.
// Secret values are not kept here (see features/connection.js): only whether each one is set.
import { initialLocale } from "./i18n/locale.js";

export function createStore(initial) {
  let state = { ...initial };
  const subscribers = [];
  return {
    get: () => state,
    /** Replaces the given keys and calls, in subscription order, every subscriber of one of them. */
    set(patch) {
      state = { ...state, ...patch };
      const changed = Object.keys(patch);
      for (const { keys, fn } of [...subscribers]) if (keys.some((k) => changed.includes(k))) fn(state);
    },
    subscribe(keys, fn) {
      subscribers.push({ keys, fn });
    },
  };
}

export const store = createStore({
  locale: initialLocale(),
  /** The cec-calldata module, once loaded, and the client built from the connection. */
  lib: null,
  client: null,
  /** From /config.json: the simulator's base URL and the server's auth-v2 signer (serve.mjs /sign). */
  simUrl: null,
  signerPath: null,
  /** The public part of the simulator's /__sim/dataset: campaigns, sample call IDs, subCcNo. */
  dataset: null,
  /** The connection as entered; secrets are in features/connection.js, their status here. */
  conn: { mode: "none", isalesUrl: "", accessKey: "", fabricUrl: "", appKey: "", oifdeUrl: "", tenantId: "" },
  secretStatus: { secretKey: "unset", appSecret: "unset", oifdeSecret: "unset" },
  connStatus: null, // { key, params }
  /** The tenant's queryOBSResultCode table, for the code columns. */
  tenantCodes: [],
  /** The status line of each query panel: { [endpoint]: { key, params } }. */
  statuses: {},
  /** The call-results page shown: { request, totalCount, all? }. */
  lastPage: null,
  /** The running export ({ purpose, req, rows, state, progress }) and the last finished one. */
  exportRun: null,
  lastExport: null,
  /** The rows behind the overview charts: { req, summary }. */
  overview: null,
  /** The call open in the call view: { callId, controller, returnFocus, parts }. */
  callView: null,
  /** The error panel's error: { error, opKey }. */
  lastError: null,
  /** The request log, newest first. */
  log: [],
});
