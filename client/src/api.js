// The checkout functions' HTTP API (docs/api.md): JSON in, JSON or Problem Details out. Amounts are minor units.
import { meta, wait } from "./dom.js";

const PROBLEM = "urn:jamcart:problem:";
/** A request that has not answered by then is treated as a network failure (and retried where that is safe). */
const TIMEOUT_MS = 20000;

/**
 * @typedef {object} Answer
 * @property {number} status the HTTP status; 0 when the network failed or the request timed out
 * @property {any} data the JSON body, or null
 * @property {number} retryAfter seconds from a Retry-After header, or 0
 */

/**
 * @typedef {object} CallOptions
 * @property {object} [body] sent as JSON
 * @property {string} [key] the Idempotency-Key
 * @property {string} [token] the X-Order-Token
 */

/** @param {string} path starts with "/" */
export function apiUrl(path) {
  return (meta("jamcart:api") || "/api").replace(/\/$/, "") + path;
}

/**
 * One request. Never throws: a network failure is status 0.
 * @param {string} method
 * @param {string} path
 * @param {CallOptions} [options]
 * @returns {Promise<Answer>}
 */
export async function call(method, path, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
  if (options.body) headers["Content-Type"] = "application/json";
  if (options.key) headers["Idempotency-Key"] = options.key;
  if (options.token) headers["X-Order-Token"] = options.token;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(apiUrl(path), {
      method,
      headers,
      body: options.body ? JSON.stringify(options.body) : undefined,
      cache: "no-store",
      signal: abort.signal,
    });
    const data = await response.json().catch(() => null);
    return { status: response.status, data, retryAfter: Number(response.headers.get("Retry-After")) || 0 };
  } catch {
    return { status: 0, data: null, retryAfter: 0 };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The problem's name ("out-of-stock") from its `type` (urn:jamcart:problem:out-of-stock), or "".
 * @param {any} data
 */
export function problemName(data) {
  const type = data && typeof data.type === "string" ? data.type : "";
  return type.startsWith(PROBLEM) ? type.slice(PROBLEM.length) : "";
}

/**
 * Whether the very same request (same body, same Idempotency-Key) is worth sending again: the network failed, the
 * provider was unavailable (503: nothing was kept), the first request is still running, or the client is throttled.
 * Every other answer is final for this attempt.
 * @param {Answer} answer
 */
export function isRetryable(answer) {
  const { status } = answer;
  return status === 0 || status === 429 || status === 502 || status === 503 || status === 504
    || (status === 409 && problemName(answer.data) === "idempotency-in-progress");
}

/**
 * Back-off before retry number `attempt` (0-based): 0.5 s, 1 s, 2 s, … up to 8 s, or what Retry-After asks within
 * that cap, plus up to a quarter more at random so that many buyers do not retry in step.
 * @param {number} attempt
 * @param {number} retryAfter
 * @param {number} [random] 0–1
 */
export function retryDelay(attempt, retryAfter, random = Math.random()) {
  const base = retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** attempt;
  return Math.min(8000, base) * (1 + random / 4);
}

/**
 * A request sent again, unchanged, while the answer says that is safe, at most `attempts` times in all.
 * @param {string} method
 * @param {string} path
 * @param {CallOptions} [options]
 * @param {number} [attempts]
 * @param {(ms: number) => Promise<void>} [sleep]
 * @returns {Promise<Answer>}
 */
export async function callWithRetries(method, path, options, attempts = 4, sleep = wait) {
  for (let attempt = 0; ; attempt++) {
    const answer = await call(method, path, options);
    if (!isRetryable(answer) || attempt + 1 >= attempts) return answer;
    await sleep(retryDelay(attempt, answer.retryAfter));
  }
}

/**
 * Units available now per SKU (GET /api/stock takes at most 100 SKUs a request). SKUs the API does not know, and
 * every SKU when the API cannot be reached, are left out.
 * @param {string[]} skus
 * @returns {Promise<Record<string, number>>}
 */
export async function fetchStock(skus) {
  /** @type {Record<string, number>} */
  const stock = {};
  const unique = [...new Set(skus)];
  for (let i = 0; i < unique.length; i += 100) {
    const query = new URLSearchParams(unique.slice(i, i + 100).map((sku) => ["sku", sku]));
    const answer = await call("GET", "/stock?" + query);
    if (answer.status === 200 && answer.data && typeof answer.data.stock === "object") Object.assign(stock, answer.data.stock);
  }
  return stock;
}
