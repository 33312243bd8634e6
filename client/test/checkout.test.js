import assert from "node:assert/strict";
import { test } from "node:test";

import { checkoutBody, fieldProblem, isEmail, paymentErrorKey, sentForCart, serverFieldProblem, skuOfPath, splitErrors } from "../src/checkout-form.js";
import { newKey } from "../src/checkout.js";
import { isProcessing, orderFromHash, POLL_DELAYS_MS } from "../src/confirmation.js";
import { providerAnswer } from "../src/provider.js";

test("e-mail addresses follow the API's rule", () => {
  for (const good of ["buyer@example.com", "a.b+c@mail.example.co.kr", "김@example.com"]) assert.ok(isEmail(good), good);
  for (const bad of ["", "buyer", "buyer@", "@example.com", "a@b@example.com", "buyer@localhost", "bu yer@example.com", "b\u0000@example.com", `${"a".repeat(250)}@e.com`]) {
    assert.ok(!isEmail(bad), bad);
  }
});

test("each field says what is wrong with it, as a string key", () => {
  assert.equal(fieldProblem("email", "", true), "checkout.error.required");
  assert.equal(fieldProblem("email", "  ", true), "checkout.error.required");
  assert.equal(fieldProblem("email", "nope", true), "checkout.error.email");
  assert.equal(fieldProblem("shipping.country", "Korea", true), "checkout.error.country");
  assert.equal(fieldProblem("shipping.country", "kr", true), "");
  assert.equal(fieldProblem("shipping.line2", "", false), "");
});

test("the body has SKUs and quantities, the contact and the address, and no price", () => {
  const body = checkoutBody(
    { email: " buyer@example.com ", "shipping.name": "Kim Minji", "shipping.line1": "12 Sejong-daero", "shipping.line2": "",
      "shipping.city": "Seoul", "shipping.region": "", "shipping.postalCode": "04524", "shipping.country": "kr" },
    { "TEA-001": 2, "TEA-002": 1 }, "ko", true);
  assert.deepEqual(body, {
    items: [{ sku: "TEA-001", quantity: 2 }, { sku: "TEA-002", quantity: 1 }],
    email: "buyer@example.com",
    locale: "ko",
    shipping: { name: "Kim Minji", line1: "12 Sejong-daero", line2: null, city: "Seoul", region: null, postalCode: "04524", country: "KR" },
  });
  assert.equal(JSON.stringify(body).includes("price"), false);
  assert.equal("shipping" in checkoutBody({ email: "a@b.co" }, { A: 1 }, "en", false), false);
});

test("an order belongs to the cart it was sent for, and to no other", () => {
  const sent = JSON.stringify(checkoutBody({ email: "a@b.co", "shipping.name": "Kim" }, { "TEA-001": 2, "TEA-002": 1 }, "ko", true));
  assert.equal(sentForCart(sent, { "TEA-001": 2, "TEA-002": 1 }), true);
  assert.equal(sentForCart(sent, { "TEA-001": 2 }), false, "a line removed in another tab");
  assert.equal(sentForCart(sent, { "TEA-001": 3, "TEA-002": 1 }), false, "a quantity changed");
  assert.equal(sentForCart(sent, {}), false, "the cart emptied by a payment in another tab");
  assert.equal(sentForCart("not json", { "TEA-001": 2 }), false);
});

test("the server's errors land on the fields they name, the rest in the alert", () => {
  const fields = new Set(["email", "shipping.postalCode"]);
  const { fields: onFields, other } = splitErrors(
    { "shipping.postalCode": ["Required for KR."], "$.email": ["Not an e-mail address."], "items[1].quantity": ["1 to 99."] },
    (name) => fields.has(name));
  assert.deepEqual(onFields, { "shipping.postalCode": "Required for KR.", email: "Not an e-mail address." });
  assert.deepEqual(other, ["1 to 99."]);
  assert.deepEqual(splitErrors(null, () => true), { fields: {}, other: [] });
});

test("the server's English about a field is said with the page's own strings", () => {
  // Table: field, value sent, the server's message → the i18n key and its values.
  /** @type {Array<[string, string, string, string[]]>} */
  const cases = [
    ["shipping.postalCode", "", "Required.", ["checkout.error.required"]],
    ["email", "buyer@localhost", "The domain needs a dot, as in example.com.", ["checkout.error.email"]],
    ["shipping.country", "us", "This store does not ship to US.", ["checkout.error.no_shipping", "US"]],
    ["shipping.country", "XX", "Not an ISO 3166-1 alpha-2 country code (like KR, US or DE).", ["checkout.error.country"]],
    ["shipping.country", "Korea", "Not an ISO 3166-1 alpha-2 country code (like KR, US or DE).", ["checkout.error.country"]],
    ["shipping.line1", "a\u0001b", "No control characters (line breaks, tabs).", ["checkout.error.invalid"]],
  ];
  for (const [name, value, message, expected] of cases) assert.deepEqual(serverFieldProblem(name, value, message), expected, `${name}: ${message}`);
});

test("a line's error names the SKU sent at that position", () => {
  const items = [{ sku: "A" }, { sku: "B" }];
  assert.equal(skuOfPath("items[1].quantity", items), "B");
  assert.equal(skuOfPath("items[7].sku", items), "");
  assert.equal(skuOfPath("email", items), "");
});

test("declines are said in words chosen from the decline code", () => {
  assert.equal(paymentErrorKey({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds" }), "checkout.declined.funds");
  assert.equal(paymentErrorKey({ type: "card_error", code: "card_declined", decline_code: "generic_decline" }), "checkout.declined");
  assert.equal(paymentErrorKey({ type: "card_error", code: "card_declined", decline_code: "lost_card" }), "checkout.declined");
  assert.equal(paymentErrorKey({ type: "card_error", code: "expired_card" }), "checkout.declined.expired");
  assert.equal(paymentErrorKey({ type: "invalid_request_error", code: "payment_intent_authentication_failure" }), "checkout.declined.authentication");
  assert.equal(paymentErrorKey({ type: "api_connection_error" }), "checkout.error.provider_network");
  assert.equal(paymentErrorKey({ type: "validation_error", code: "incomplete_number" }), "");
});

test("a provider error that is not the card field's own check is said in the page's strings, never the provider's English", () => {
  assert.equal(paymentErrorKey({ type: "api_error" }), "checkout.error.payment");
  assert.equal(paymentErrorKey({ type: "invalid_request_error", code: "resource_missing" }), "checkout.error.payment");
  assert.equal(paymentErrorKey({ type: "rate_limit_error" }), "checkout.error.busy");
  assert.equal(paymentErrorKey({ type: "card_error", code: "card_declined", decline_code: "do_not_honor" }), "checkout.declined");
  // A payment error the server kept has a code but no type: the caller says "declined".
  assert.equal(paymentErrorKey({ code: "some_new_code" }), "");
});

test("every attempt gets a fresh UUID for its Idempotency-Key", () => {
  const keys = new Set(Array.from({ length: 100 }, newKey));
  assert.equal(keys.size, 100);
  for (const key of keys) assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test("the confirmation page reads the order from the fragment", () => {
  assert.deepEqual(orderFromHash("#order=ord_1&token=abc"), { orderId: "ord_1", token: "abc" });
  assert.deepEqual(orderFromHash("#token=a%2Bb&order=ord_2"), { orderId: "ord_2", token: "a+b" });
  assert.equal(orderFromHash("#order=ord_1"), null);
  assert.equal(orderFromHash(""), null);
});

test("the confirmation page waits for a processing payment for about a minute, no longer", () => {
  const total = POLL_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
  assert.ok(total >= 30000 && total <= 90000, String(total));
  const order = /** @type {any} */ ({ status: "pending_payment", lastPaymentError: null });
  assert.ok(isProcessing(order));
  assert.ok(!isProcessing({ ...order, lastPaymentError: { code: "card_declined" } }));
  assert.ok(!isProcessing({ ...order, status: "paid" }));
});

test("a provider script that throws or rejects is taken as an answer that never came", async () => {
  const lost = { error: { type: "api_connection_error" } };
  assert.deepEqual(await providerAnswer(() => Promise.reject(new SyntaxError("Unexpected token < in JSON"))), lost);
  assert.deepEqual(await providerAnswer(() => { throw new TypeError("intent is null"); }), lost);
  assert.deepEqual(await providerAnswer(() => Promise.resolve(undefined)), lost);
  const answer = { paymentIntent: { id: "pi_1", status: "succeeded" } };
  assert.equal(await providerAnswer(() => Promise.resolve(answer)), answer);
});
