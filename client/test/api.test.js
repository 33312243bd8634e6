import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { callWithRetries, isRetryable, problemName, retryDelay } from "../src/api.js";
import { fakeDocument } from "./setup.js";

fakeDocument();

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/**
 * A fetch that answers from a script, recording each request.
 * @param {Array<number | "network">} script statuses in order; "network" rejects like a lost connection
 */
function scriptedFetch(script) {
  /** @type {Array<{ url: string, init: RequestInit }>} */
  const requests = [];
  globalThis.fetch = /** @type {typeof fetch} */ (async (url, init) => {
    requests.push({ url: String(url), init: /** @type {RequestInit} */ (init) });
    const next = script[Math.min(requests.length - 1, script.length - 1)];
    if (next === "network") throw new TypeError("Failed to fetch");
    const body = next === 201 ? { orderId: "ord_1" } : { type: "urn:jamcart:problem:payment-provider-unavailable" };
    return new Response(JSON.stringify(body), { status: next, headers: { "Content-Type": "application/json" } });
  });
  return requests;
}

const noSleep = async () => {};

test("a problem's name comes from its type", () => {
  assert.equal(problemName({ type: "urn:jamcart:problem:out-of-stock" }), "out-of-stock");
  assert.equal(problemName({ type: "about:blank" }), "");
  assert.equal(problemName(null), "");
});

test("only answers that left nothing done are retried", () => {
  for (const status of [0, 429, 502, 503, 504]) assert.ok(isRetryable({ status, data: null, retryAfter: 0 }), String(status));
  assert.ok(isRetryable({ status: 409, data: { type: "urn:jamcart:problem:idempotency-in-progress" }, retryAfter: 0 }));
  for (const status of [200, 201, 400, 404, 413, 415, 422, 500]) assert.ok(!isRetryable({ status, data: null, retryAfter: 0 }), String(status));
  assert.ok(!isRetryable({ status: 409, data: { type: "urn:jamcart:problem:out-of-stock" }, retryAfter: 0 }));
});

test("back-off doubles from half a second, honours Retry-After and stops at 8 s", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => retryDelay(n, 0, 0)), [500, 1000, 2000, 4000, 8000, 8000]);
  assert.equal(retryDelay(0, 3, 0), 3000);
  assert.equal(retryDelay(0, 60, 0), 8000);
  assert.equal(retryDelay(0, 0, 1), 625);
});

test("a retried checkout sends the same body under the same Idempotency-Key", async () => {
  const requests = scriptedFetch(["network", 503, 201]);
  const answer = await callWithRetries("POST", "/checkout", { body: { items: [{ sku: "A", quantity: 1 }] }, key: "key-1" }, 4, noSleep);
  assert.equal(answer.status, 201);
  assert.equal(requests.length, 3);
  for (const { url, init } of requests) {
    assert.equal(url, "/api/checkout");
    assert.equal(/** @type {Record<string, string>} */ (init.headers)["Idempotency-Key"], "key-1");
    assert.equal(init.body, '{"items":[{"sku":"A","quantity":1}]}');
  }
});

test("retries are bounded", async () => {
  const requests = scriptedFetch([503]);
  const answer = await callWithRetries("POST", "/checkout", { body: {}, key: "k" }, 4, noSleep);
  assert.equal(answer.status, 503);
  assert.equal(requests.length, 4);
});

test("a final answer is not retried", async () => {
  const requests = scriptedFetch([409]);
  await callWithRetries("POST", "/checkout", { body: {}, key: "k" }, 4, noSleep);
  assert.equal(requests.length, 1);
});

test("the order token travels in a header, never in the URL", async () => {
  const requests = scriptedFetch([201]);
  await callWithRetries("GET", "/orders/ord_1", { token: "secret-token" }, 1, noSleep);
  assert.equal(requests[0].url, "/api/orders/ord_1");
  assert.equal(/** @type {Record<string, string>} */ (requests[0].init.headers)["X-Order-Token"], "secret-token");
});
