// The checkout form's rules and the mapping of the server's errors onto its fields. Fields are named by their path
// in the request (`email`, `shipping.postalCode`), the same paths the API uses as keys of `errors`.

/**
 * The API's e-mail rule: at most 254 characters, one @ with something on each side, a dot in the domain, no spaces
 * or control characters. The server checks again; this only spares a round trip.
 * @param {string} value
 */
export function isEmail(value) {
  const at = value.indexOf("@");
  return value.length <= 254 && at > 0 && at === value.lastIndexOf("@") && at < value.length - 1
    && value.slice(at + 1).includes(".") && !/[\s\u0000-\u001f\u007f]/.test(value);
}

/**
 * What is wrong with one field, as a string key (`checkout.error.required`), or "" when nothing is.
 * @param {string} name
 * @param {string} value
 * @param {boolean} required
 */
export function fieldProblem(name, value, required) {
  const text = value.trim();
  if (!text) return required ? "checkout.error.required" : "";
  if (name === "email" && !isEmail(text)) return "checkout.error.email";
  if (name === "shipping.country" && !/^[A-Za-z]{2}$/.test(text)) return "checkout.error.country";
  return "";
}

/**
 * What the server found wrong with a field, said in the page's language: an i18n key and its values. The server
 * writes English; the form knows its own rules (required, e-mail, country code), and of a well-formed country code
 * the server refuses, a store that does not ship there is told apart by the server's words. Anything else is "check
 * this field" (`checkout.error.invalid`).
 * @param {string} name
 * @param {string} value
 * @param {string} message the server's
 * @returns {[string, ...string[]]}
 */
export function serverFieldProblem(name, value, message) {
  // Required: the server asked for it (a postal code, say, for a country that uses them).
  const key = fieldProblem(name, value, true);
  if (key) return [key];
  if (name === "shipping.country") return /\bship/i.test(message) ? ["checkout.error.no_shipping", value.trim().toUpperCase()] : ["checkout.error.country"];
  return ["checkout.error.invalid"];
}

/**
 * The request body from the form's values (by field name) and the cart: SKUs and quantities only.
 * @param {Record<string, string>} values
 * @param {Record<string, number>} cart
 * @param {string} locale
 * @param {boolean} shipping whether the form asks for an address
 */
export function checkoutBody(values, cart, locale, shipping) {
  /** @param {string} name */
  const value = (name) => (values[name] || "").trim();
  /** @param {string} name */
  const optional = (name) => value(name) || null;
  /** @type {Record<string, unknown>} */
  const body = {
    items: Object.entries(cart).map(([sku, quantity]) => ({ sku, quantity })),
    email: value("email"),
    locale,
  };
  if (shipping) {
    body.shipping = {
      name: value("shipping.name"),
      line1: value("shipping.line1"),
      line2: optional("shipping.line2"),
      city: value("shipping.city"),
      region: optional("shipping.region"),
      postalCode: optional("shipping.postalCode"),
      country: value("shipping.country").toUpperCase(),
    };
  }
  return body;
}

/**
 * Whether a checkout request sent earlier (its JSON) asked for exactly what `cart` holds now: an order made from it
 * is still the cart's order. Anything unreadable is not.
 * @param {string} sent
 * @param {Record<string, number>} cart
 */
export function sentForCart(sent, cart) {
  try {
    return JSON.stringify(JSON.parse(sent).items) === JSON.stringify(checkoutBody({}, cart, "", false).items);
  } catch {
    return false;
  }
}

/**
 * The server's `errors` (`{"shipping.postalCode": ["…"]}`) split into those of a form field and the rest
 * (`items[0].quantity`, or a field the form does not have). Keys may come with a `$.` prefix from older servers.
 * @param {unknown} errors
 * @param {(name: string) => boolean} hasField
 */
export function splitErrors(errors, hasField) {
  /** @type {Record<string, string>} */
  const fields = {};
  /** @type {string[]} */
  const other = [];
  if (errors && typeof errors === "object") {
    for (const [key, messages] of Object.entries(errors)) {
      const path = key.replace(/^\$\./, "");
      const message = Array.isArray(messages) ? messages.filter((m) => typeof m === "string").join(" ") : String(messages);
      if (hasField(path)) fields[path] = message;
      else other.push(message);
    }
  }
  return { fields, other };
}

/**
 * The SKU a line error is about: `items[2].quantity` → the third SKU sent.
 * @param {string} path
 * @param {Array<{ sku: string }>} items
 */
export function skuOfPath(path, items) {
  const match = /^items\[(\d+)\]/.exec(path);
  return match ? items[Number(match[1])]?.sku || "" : "";
}

/**
 * The i18n key that says in words why a card payment failed, from the provider's error (Stripe's codes, which the
 * sandbox uses too); "" for the card field's own checks (a number not filled in), which the provider says itself in
 * the page's language, and for an error of unknown type (a payment error the server kept), which the caller words.
 * @param {{ type?: string, code?: string, decline_code?: string }} error
 */
export function paymentErrorKey(error) {
  /** @type {Record<string, string>} */
  const keys = {
    insufficient_funds: "checkout.declined.funds",
    expired_card: "checkout.declined.expired",
    incorrect_cvc: "checkout.declined.cvc",
    invalid_cvc: "checkout.declined.cvc",
    incorrect_number: "checkout.declined.number",
    invalid_number: "checkout.declined.number",
    processing_error: "checkout.declined.processing",
    card_velocity_exceeded: "checkout.declined.velocity",
    payment_intent_authentication_failure: "checkout.declined.authentication",
    authentication_required: "checkout.declined.authentication",
  };
  const key = keys[error.decline_code || ""] || keys[error.code || ""];
  if (key) return key;
  if (error.type === "card_error" || error.code === "card_declined") return "checkout.declined";
  if (error.type === "api_connection_error") return "checkout.error.provider_network";
  if (error.type === "rate_limit_error") return "checkout.error.busy";
  // Anything else the provider said (an API error, a request it refused) is in its own words, often English.
  return error.type && error.type !== "validation_error" ? "checkout.error.payment" : "";
}
