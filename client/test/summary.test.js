import assert from "node:assert/strict";
import { test } from "node:test";

import { inPageLanguage } from "../src/summary.js";

const lines = [
  { sku: "TEA-GRN-001", title: "제주 세작", quantity: 2, amount: 76000 },
  { sku: "TEA-GONE-001", title: "단종된 차", quantity: 1, amount: 9000 },
];

test("an order's lines take the titles of the page's own catalog", () => {
  const products = { "TEA-GRN-001": { title: "Jeju Sejak Green Tea" } };
  assert.deepEqual(inPageLanguage(lines, products), [
    { sku: "TEA-GRN-001", title: "Jeju Sejak Green Tea", quantity: 2, amount: 76000 },
    { sku: "TEA-GONE-001", title: "단종된 차", quantity: 1, amount: 9000 },
  ]);
});

test("without a catalog, or for a SKU named like an object's own member, the order's titles stay", () => {
  assert.deepEqual(inPageLanguage(lines, null), lines);
  const odd = [{ sku: "constructor", title: "주문 제목", quantity: 1, amount: 1 }, { sku: "__proto__", title: "제목", quantity: 1, amount: 1 }];
  assert.deepEqual(inPageLanguage(odd, {}), odd);
});
