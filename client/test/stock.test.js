import assert from "node:assert/strict";
import { test } from "node:test";

import { interpolate } from "../src/strings.js";
import { availabilityOf, limitFor, liveStock } from "../src/stock.js";

test("live counts show the states the build shows", () => {
  assert.equal(availabilityOf(0, 3), "sold_out");
  assert.equal(availabilityOf(-1, 3), "sold_out");
  assert.equal(availabilityOf(3, 3), "low_stock");
  assert.equal(availabilityOf(1, 3), "low_stock");
  assert.equal(availabilityOf(4, 3), "in_stock");
  assert.equal(availabilityOf(1, 0), "in_stock");
});

test("a cart may hold what is in stock, at most 99, and 99 while the count is unknown", () => {
  liveStock.set("A", 2);
  liveStock.set("B", 0);
  liveStock.set("C", 500);
  assert.equal(limitFor("A"), 2);
  assert.equal(limitFor("B"), 0);
  assert.equal(limitFor("C"), 99);
  assert.equal(limitFor("UNKNOWN"), 99);
});

test("strings are filled in like the t filter does", () => {
  assert.equal(interpolate("Only {0} left", [3]), "Only 3 left");
  assert.equal(interpolate("{1}페이지 중 {0}페이지", [2, 5]), "5페이지 중 2페이지");
  assert.equal(interpolate("{0} and {0}", ["a"]), "a and a");
});
