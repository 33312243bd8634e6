import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { CART_KEY, cartCount, readCart, sanitizeCart, withAdded, writeCart } from "../src/cart.js";
import { fakeDocument, MemoryStorage } from "./setup.js";

/** @type {CustomEvent[]} */
let events;
beforeEach(() => {
  events = fakeDocument();
});

test("a cart keeps only valid SKUs with whole quantities of 1 to 99", () => {
  const cart = sanitizeCart({
    "TEA-001": 2,
    "TEA-002": 500,
    "tea-003": 1,
    "BAD SKU": 1,
    "": 1,
    "TEA-004": 1.5,
    "TEA-005": 0,
    "TEA-006": -3,
    "TEA-007": "2",
    "TEA-008": null,
    ["A".repeat(65)]: 1,
  });
  assert.deepEqual(cart, { "TEA-001": 2, "TEA-002": 99 });
});

test("anything but an object is an empty cart", () => {
  for (const value of [null, undefined, 3, "TEA-001", [["TEA-001", 1]], true]) assert.deepEqual(sanitizeCart(value), {});
});

test("no prototype is reachable through a stored cart", () => {
  const cart = sanitizeCart(JSON.parse('{"__proto__": 5, "constructor": 1, "TEA-001": 1}'));
  assert.deepEqual(cart, { "TEA-001": 1 });
  assert.equal(Object.getPrototypeOf(cart), Object.prototype);
});

test("a cart holds at most 50 lines", () => {
  /** @type {Record<string, number>} */
  const big = {};
  for (let i = 0; i < 60; i++) big[`SKU-${i}`] = 1;
  assert.equal(Object.keys(sanitizeCart(big)).length, 50);
});

test("storage holds SKUs and quantities only, as a JSON object under jamcart.cart", () => {
  const storage = new MemoryStorage();
  assert.ok(writeCart({ "TEA-001": 2, "TEA-002": 1 }, storage));
  assert.equal(storage.getItem(CART_KEY), '{"TEA-001":2,"TEA-002":1}');
  assert.deepEqual(readCart(storage), { "TEA-001": 2, "TEA-002": 1 });
  assert.equal(events.at(-1)?.type, "jamcart:cart");
});

test("an emptied cart leaves nothing in storage", () => {
  const storage = new MemoryStorage();
  writeCart({ "TEA-001": 2 }, storage);
  writeCart({}, storage);
  assert.equal(storage.getItem(CART_KEY), null);
});

test("a broken stored cart reads as empty", () => {
  const storage = new MemoryStorage();
  storage.setItem(CART_KEY, "{not json");
  assert.deepEqual(readCart(storage), {});
  storage.setItem(CART_KEY, JSON.stringify({ "TEA-001": { price: 1 }, "TEA-002": 3 }));
  assert.deepEqual(readCart(storage), { "TEA-002": 3 });
});

test("a storage that refuses writes reports jamcart:error and keeps nothing", () => {
  const storage = new MemoryStorage();
  storage.setItem = () => {
    throw new Error("QuotaExceededError");
  };
  assert.equal(writeCart({ "TEA-001": 1 }, storage), false);
  assert.equal(events.at(-1)?.type, "jamcart:error");
  assert.equal(events.at(-1)?.detail.code, "storage");
});

test("adding stays within live stock and 99", () => {
  assert.deepEqual(withAdded({}, "TEA-001", 2, 99), { cart: { "TEA-001": 2 }, added: 2 });
  assert.deepEqual(withAdded({ "TEA-001": 2 }, "TEA-001", 5, 3), { cart: { "TEA-001": 3 }, added: 1 });
  assert.deepEqual(withAdded({ "TEA-001": 3 }, "TEA-001", 1, 3), { cart: { "TEA-001": 3 }, added: 0 });
  assert.deepEqual(withAdded({ "TEA-001": 98 }, "TEA-001", 5, 1000), { cart: { "TEA-001": 99 }, added: 1 });
  assert.deepEqual(withAdded({}, "TEA-001", 1, 0), { cart: {}, added: 0 });
});

test("a 51st line is not added, more of a line already there is", () => {
  /** @type {Record<string, number>} */
  const full = {};
  for (let i = 0; i < 50; i++) full[`SKU-${i}`] = 1;
  assert.equal(withAdded(full, "NEW-1", 1, 99).added, 0);
  assert.equal(withAdded(full, "SKU-3", 1, 99).added, 1);
});

test("the count is the sum of quantities", () => {
  assert.equal(cartCount({}), 0);
  assert.equal(cartCount({ A: 2, B: 3 }), 5);
});
