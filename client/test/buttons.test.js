import assert from "node:assert/strict";
import { test } from "node:test";

import { quantityProblem } from "../src/buttons.js";

test("a typed quantity is a whole number from 1 to what may be bought, else the range is said", () => {
  for (const good of ["1", "3", " 2 ", ""]) assert.equal(quantityProblem(good, 3), null, JSON.stringify(good));
  for (const bad of ["0", "-1", "4", "2.5", "1e2", "abc"]) assert.deepEqual(quantityProblem(bad, 3), ["product.quantity_range", 3], bad);
  assert.equal(quantityProblem("99", 500), null);
  assert.deepEqual(quantityProblem("100", 500), ["product.quantity_range", 99]);
});
