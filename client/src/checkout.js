// The checkout page: contact and shipping details → POST /api/checkout (the server prices and reserves) → the
// provider's card field → confirm with the provider (3-D Secure included) → POST /api/orders/{id}/confirm → the
// confirmation page. Each attempt has one Idempotency-Key, reused when the same request is retried, so a network
// failure or a double click never makes two orders; a declined card keeps the order so another card can be tried.
import { call, callWithRetries, isRetryable, problemName } from "./api.js";
import { readCart, setQuantity } from "./cart.js";
import { loadCatalog } from "./catalog.js";
import { checkoutBody, fieldProblem, paymentErrorKey, sentForCart, serverFieldProblem, skuOfPath, splitErrors } from "./checkout-form.js";
import { all, announce, h, one } from "./dom.js";
import { emit, reportError } from "./events.js";
import { formatMoney } from "./money.js";
import { announcePaid, confirmationUrl } from "./paid.js";
import { providerAnswer, providerClient } from "./provider.js";
import { pageConfig, t } from "./strings.js";
import { inPageLanguage, linesList, totalsList } from "./summary.js";

/**
 * @typedef {import("./summary.js").Order} Order
 * @typedef {import("./summary.js").OrderLine} OrderLine
 */

/**
 * What survives a reload of this tab: the attempt (its key and exact body) and the order it made.
 * @typedef {object} Attempt
 * @property {string} key
 * @property {string} body the JSON sent
 * @property {string} [orderId]
 * @property {string} [token]
 */

const SESSION_KEY = "jamcart.checkout";

/** The PaymentIntent statuses of a payment the provider has accepted: the order is then confirmed, never paid again. */
const GONE_THROUGH = ["succeeded", "processing", "requires_capture"];

/** A random UUID for an Idempotency-Key, also where crypto.randomUUID is missing (a page served over plain http). */
export function newKey() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** @returns {Attempt | null} */
function loadAttempt() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
    return saved && typeof saved.key === "string" && typeof saved.body === "string" ? saved : null;
  } catch {
    return null;
  }
}

/** @param {Attempt | null} attempt */
function saveAttempt(attempt) {
  try {
    if (attempt) sessionStorage.setItem(SESSION_KEY, JSON.stringify(attempt));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Without session storage a reload starts a new attempt; the retries within this page still share one key.
  }
}

export function startCheckout() {
  const form = /** @type {HTMLFormElement | null} */ (one("form[data-jamcart-checkout-form]"));
  const summary = one("[data-jamcart-summary]");
  const button = /** @type {HTMLButtonElement | null} */ (one("[data-jamcart-pay]"));
  const cardBox = one("[data-jamcart-payment]");
  if (!form || !summary || !button || !cardBox) return;
  const payButton = button;
  const alertBox = one("[data-jamcart-error]", form);
  const statusBox = one("[data-jamcart-status]", form);
  const cardError = one("[data-jamcart-card-error]", form);
  const editButton = /** @type {HTMLButtonElement | null} */ (one("[data-jamcart-edit]", form));
  const details = /** @type {HTMLFieldSetElement[]} */ (all("fieldset[data-jamcart-details]", form));
  const config = pageConfig();
  const requiresShipping = !!form.querySelector("[name^='shipping.']");

  /** @type {Attempt | null} */
  let attempt = loadAttempt();
  /** @type {Order | null} */
  let order = null;
  /** @type {ProviderClient | null} */
  let provider = null;
  /** @type {CardElement | null} */
  let card = null;
  let busy = false;

  /** @returns {HTMLInputElement[]} */
  const fields = () => all("input[name], select[name], textarea[name]", form).filter((f) => !f.closest("[data-jamcart-payment]"))
    .map((f) => /** @type {HTMLInputElement} */ (f));

  /** @param {string} name */
  const field = (name) => fields().find((f) => f.name === name) || null;

  /**
   * Shows (or clears, with "") the message of one field, tied to it with aria-describedby.
   * @param {HTMLInputElement} input
   * @param {string} message
   */
  function setFieldError(input, message) {
    const id = (input.id || input.name) + "-error";
    let note = document.getElementById(id);
    if (!note && message) {
      note = h("p", { class: "field-error", id });
      input.after(note);
      input.setAttribute("aria-describedby", id);
    }
    if (note) note.textContent = message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  /** @param {HTMLInputElement} input */
  function checkInput(input) {
    const key = fieldProblem(input.name, input.value, input.required);
    setFieldError(input, key ? t(key) : "");
    return !key;
  }

  /** @param {string} message */
  function showAlert(message) {
    if (alertBox) alertBox.textContent = message;
  }

  /** @param {string} text */
  function status(text) {
    announce(statusBox, text);
  }

  /** @param {boolean} value */
  function setBusy(value) {
    busy = value;
    payButton.disabled = value;
    payButton.setAttribute("aria-busy", String(value));
    if (editButton) editButton.disabled = value;
  }

  function paintButton() {
    payButton.textContent = order ? t("checkout.pay_amount", formatMoney(order.total, order.currency)) : t("checkout.continue");
    payButton.disabled = busy || (!order && !Object.keys(readCart()).length);
  }

  /**
   * The cart's estimate until the server has priced an order; `notes` marks lines the server refused.
   * @param {Record<string, HTMLElement | string>} [notes]
   */
  async function paintEstimate(notes = {}) {
    if (order) return;
    const cart = readCart();
    const skus = Object.keys(cart);
    if (!skus.length) {
      summary?.replaceChildren(h("p", null, t("cart.empty"), " ", h("a", { href: config.homeUrl || "/" }, t("cart.continue"))));
      paintButton();
      return;
    }
    const products = (await loadCatalog()) || {};
    if (order) return;
    let subtotal = 0;
    /** @type {OrderLine[]} */
    const lines = skus.map((sku) => {
      const product = products[sku];
      if (product) subtotal += product.price * cart[sku];
      return { sku, title: product ? product.title : sku, quantity: cart[sku], amount: product ? product.price * cart[sku] : null };
    });
    summary?.replaceChildren(
      linesList(lines, config.currency, notes),
      h("p", { class: "cart-total" }, h("span", null, t("cart.estimated_subtotal")), h("strong", { class: "price" }, formatMoney(subtotal))),
      h("p", { class: "muted small" }, t("checkout.estimate_note")));
    paintButton();
  }

  /** The order as the server priced it: what the buyer is about to pay. */
  async function paintOrder() {
    if (!order) return;
    const products = await loadCatalog();
    if (!order) return;
    summary?.replaceChildren(linesList(inPageLanguage(order.lines, products), order.currency), totalsList(order));
    paintButton();
  }

  /** @param {boolean} locked */
  function lockDetails(locked) {
    for (const fieldset of details) fieldset.disabled = locked;
    if (editButton) editButton.hidden = !locked;
  }

  /** @returns {Record<string, string>} */
  function formValues() {
    return Object.fromEntries(fields().map((f) => [f.name, f.value]));
  }

  /** @param {Record<string, unknown>} body */
  function fillForm(body) {
    /** @type {Record<string, unknown>} */
    const shipping = /** @type {any} */ (body.shipping) || {};
    for (const input of fields()) {
      const value = input.name === "email" ? body.email : shipping[input.name.replace(/^shipping\./, "")];
      if (typeof value === "string") input.value = value;
    }
  }

  /**
   * The server's answer to a checkout that made no order, in words, on the fields or lines it is about.
   * @param {import("./api.js").Answer} answer
   * @param {Array<{ sku: string, quantity: number }>} items
   */
  async function showRefusal(answer, items) {
    const problem = answer.data || {};
    const name = problemName(problem);
    if (isRetryable(answer)) {
      // Tried a few times already; the button sends the same attempt again, under the same key.
      const message = name === "rate-limited" ? t("checkout.error.busy") : t("checkout.error.network");
      showAlert(message);
      reportError(name || "network", message, { status: answer.status });
      return;
    }
    if (name === "out-of-stock" || name === "unknown-sku") {
      const sku = String(problem.sku || "");
      const available = name === "out-of-stock" ? Math.max(0, Number(problem.available) || 0) : 0;
      const fix = h("button", { type: "button", class: "link-button", "data-jamcart-fix": sku },
        available > 0 ? t("checkout.fix_quantity", available) : t("cart.remove"));
      fix.addEventListener("click", () => {
        setQuantity(sku, available);
        showAlert("");
        payButton.focus();
      });
      const words = name === "unknown-sku" ? t("cart.unavailable") : available > 0 ? t("cart.only_left", available) : t("product.sold_out");
      const message = t("checkout.error.stock", words);
      await paintEstimate({ [sku]: h("span", null, words + " ", fix) });
      showAlert(message);
      reportError(name, message, { sku, available, requested: problem.requested });
      fix.focus();
      return;
    }
    if (name === "invalid-request" && problem.errors) {
      const { fields: onFields, other } = splitErrors(problem.errors, (path) => !!field(path));
      // The server's own words are English: shown only on English pages, where they can say more than a generic key.
      const english = config.locale.startsWith("en");
      let first = null;
      for (const input of fields()) {
        const message = onFields[input.name];
        if (message === undefined) continue;
        const [key, ...values] = serverFieldProblem(input.name, input.value, message);
        setFieldError(input, english && key === "checkout.error.invalid" ? message : t(key, ...values));
        first ??= input;
      }
      /** @type {Record<string, string>} */
      const notes = {};
      for (const path of Object.keys(problem.errors)) {
        const sku = skuOfPath(path, items);
        if (sku) notes[sku] = t("checkout.error.line");
      }
      if (Object.keys(notes).length) await paintEstimate(notes);
      const message = [t("checkout.error.fields"), ...(english ? other : [])].join(" ");
      showAlert(message);
      reportError(name, message, { errors: problem.errors });
      (first || alertBox)?.focus();
      return;
    }
    const key = name === "amount-out-of-range" ? "checkout.error.amount" : "checkout.error.generic";
    showAlert(t(key));
    reportError(name || "http-" + answer.status, t(key), { status: answer.status, traceId: problem.traceId });
  }

  /** Step one: validate, then create the order (or get the same one back when retrying the same attempt). */
  async function placeOrder() {
    const invalid = fields().filter((input) => !checkInput(input));
    if (invalid.length) {
      showAlert(t("checkout.error.fields"));
      reportError("invalid-form", t("checkout.error.fields"), { fields: invalid.map((f) => f.name) });
      invalid[0].focus();
      return;
    }
    const cart = readCart();
    if (!Object.keys(cart).length) return paintEstimate();
    const body = checkoutBody(formValues(), cart, config.locale, requiresShipping);
    const json = JSON.stringify(body);
    if (!attempt || attempt.body !== json || attempt.orderId) attempt = { key: newKey(), body: json };
    saveAttempt(attempt);
    showAlert("");
    setBusy(true);
    status(t("checkout.placing"));
    const answer = await callWithRetries("POST", "/checkout", { body, key: attempt.key });
    setBusy(false);
    status("");
    if (answer.status === 201 && answer.data) {
      attempt = { ...attempt, orderId: answer.data.orderId, token: answer.data.orderToken };
      saveAttempt(attempt);
      await openOrder(answer.data);
      return;
    }
    // A final answer ends this attempt (the server would replay it for the same key); only a retryable one keeps
    // its key, so that pressing the button again cannot make a second order.
    if (!isRetryable(answer)) {
      attempt = null;
      saveAttempt(null);
    }
    await showRefusal(answer, /** @type {any} */ (body).items);
  }

  /**
   * Shows the priced order and mounts the provider's card field.
   * @param {Order} view
   */
  async function openOrder(view) {
    order = view;
    lockDetails(true);
    paintOrder();
    emit("order", { order: view });
    status(t("checkout.reserved", formatMoney(view.total, view.currency)));
    const error = view.lastPaymentError;
    if (error && cardError) cardError.textContent = t(paymentErrorKey({ code: error.code, decline_code: error.declineCode }) || "checkout.declined");
    await mountCard();
  }

  async function mountCard() {
    if (card || !order?.payment) return;
    try {
      provider = await providerClient(order.payment, config.locale);
      card = provider.elements().create("card");
      cardBox?.replaceChildren();
      card.mount(/** @type {HTMLElement} */ (cardBox));
      // What the card holds, as its change events report it. The frame reports a field that merely lost the focus as
      // a change too: a decline or a provider error stays until the card itself changes, where the buyer can read it.
      let cardState = "true|false|unknown";
      card.on("change", (event) => {
        const state = `${event.empty}|${event.complete}|${event.brand}`;
        if (cardError && (event.error?.message || state !== cardState)) cardError.textContent = event.error?.message || "";
        cardState = state;
      });
    } catch {
      card = null;
      showAlert(t("checkout.error.provider_script"));
      reportError("provider-unavailable", t("checkout.error.provider_script"));
    }
  }

  /** Back to step one: the order is canceled (its stock released) and the details can change. */
  async function editDetails() {
    if (busy || !order) return;
    const { orderId } = order;
    const token = attempt?.token;
    order = null;
    attempt = null;
    saveAttempt(null);
    card?.destroy();
    card = null;
    cardBox?.replaceChildren(h("p", { class: "muted small" }, t("checkout.payment_hint")));
    if (cardError) cardError.textContent = "";
    lockDetails(false);
    await paintEstimate();
    fields()[0]?.focus();
    if (token) call("POST", `/orders/${encodeURIComponent(orderId)}/cancel`, { token, body: {} });
  }

  /**
   * Step two: the provider confirms the payment (and asks for 3-D Secure itself when the bank wants it).
   * A decline leaves the order open for another card; a lost connection is checked with the provider before anything
   * is sent again, so one payment is never confirmed twice.
   */
  async function pay() {
    if (!order?.payment) return;
    if (!provider || !card) {
      await mountCard();
      return;
    }
    setBusy(true);
    showAlert("");
    if (cardError) cardError.textContent = "";
    status(t("checkout.paying"));
    const secret = order.payment.clientSecret;
    const shippingName = field("shipping.name")?.value.trim();
    const client = provider;
    let result = await providerAnswer(() => client.confirmCardPayment(secret, {
      payment_method: { card, billing_details: { email: field("email")?.value.trim(), ...(shippingName ? { name: shippingName } : {}) } },
    }));
    if (result.error && (result.error.type === "api_connection_error" || result.error.code === "payment_intent_unexpected_state")) {
      // The answer was lost, or the payment had moved on: the PaymentIntent says whether it went through. If it did
      // not, the first error stands; a decline still stored from an earlier card would blame the wrong attempt.
      const fresh = await providerAnswer(() => client.retrievePaymentIntent(secret));
      if (fresh.paymentIntent && GONE_THROUGH.includes(fresh.paymentIntent.status)) result = fresh;
    }
    const intent = result.paymentIntent || result.error?.payment_intent;
    if (intent && GONE_THROUGH.includes(intent.status)) {
      await confirmOrder();
      return;
    }
    setBusy(false);
    status("");
    const error = result.error || intent?.last_payment_error || { type: "card_error" };
    const key = paymentErrorKey(error);
    const message = key ? t(key) : error.message || t("checkout.declined");
    if (cardError) cardError.textContent = message;
    reportError(error.type === "card_error" ? "card-declined" : error.code || error.type || "payment-failed", message,
      { declineCode: error.decline_code, providerMessage: error.message, orderId: order.orderId });
    if (error.type !== "api_connection_error") card.focus();
  }

  /** The server asks the provider itself and moves the order; then the confirmation page, which waits if need be. */
  async function confirmOrder() {
    if (!order || !attempt?.token) return;
    status(t("checkout.confirming"));
    const { orderId } = order;
    const token = attempt.token;
    const answer = await callWithRetries("POST", `/orders/${encodeURIComponent(orderId)}/confirm`, { token, body: {} });
    // Kept until the order is paid, so that coming back to this page finds the same order rather than a new one.
    if (answer.status === 200 && answer.data?.status === "paid") {
      announcePaid(answer.data);
      saveAttempt(null);
    }
    location.assign(confirmationUrl(config.orderUrl || "/order/", orderId, token));
  }

  /** A reload of this tab finds the order it made, still waiting for payment, and offers to pay it. */
  async function resume() {
    if (!attempt?.orderId || !attempt.token) return false;
    const saved = attempt;
    const answer = await callWithRetries("GET", `/orders/${encodeURIComponent(saved.orderId || "")}`, { token: saved.token });
    /** @type {Order | null} */
    const view = answer.status === 200 ? answer.data : null;
    /** @type {Record<string, any>} */
    let body = {};
    try {
      body = JSON.parse(saved.body);
      fillForm(body);
    } catch {
      // Not ours any more: start afresh.
    }
    if (view && view.status === "paid") {
      location.assign(confirmationUrl(config.orderUrl || "/order/", view.orderId, saved.token || ""));
      return true;
    }
    if (view && view.status === "pending_payment" && view.payment && sentForCart(saved.body, readCart())) {
      await openOrder(view);
      return true;
    }
    // The cart changed since (or the order ended): that order is released and a new attempt begins.
    if (view && view.status === "pending_payment") call("POST", `/orders/${encodeURIComponent(view.orderId)}/cancel`, { token: saved.token, body: {} });
    attempt = null;
    saveAttempt(null);
    return false;
  }

  /**
   * Another tab changed the cart while this one holds an unpaid order: as after a reload, the order no longer is the
   * cart's, so it is released and the buyer starts again from the cart as it is. Paying it anyway would charge for
   * what the buyer took out, or a second time for what another tab has just paid.
   */
  async function followCartElsewhere() {
    if (!order) return paintEstimate();
    if (busy || !attempt?.token || sentForCart(attempt.body, readCart())) return;
    const { orderId } = order;
    const token = attempt.token;
    const answer = await call("GET", `/orders/${encodeURIComponent(orderId)}`, { token });
    // Another event got here first, or the buyer is paying now.
    if (busy || order?.orderId !== orderId) return;
    if (answer.status === 200 && answer.data?.status === "paid") {
      location.assign(confirmationUrl(config.orderUrl || "/order/", orderId, token));
      return;
    }
    await editDetails();
    showAlert(t("checkout.error.cart_changed"));
    reportError("cart-changed", t("checkout.error.cart_changed"), { orderId });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    if (order) await pay();
    else await placeOrder();
  });
  form.addEventListener("focusout", (event) => {
    const input = event.target;
    // Judged when left with something typed, or when already marked: tabbing through empty fields flags nothing.
    if (input instanceof HTMLInputElement && input.name && (input.value || input.getAttribute("aria-invalid"))) checkInput(input);
  });
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.name === "shipping.country") input.value = input.value.trim().toUpperCase();
  });
  editButton?.addEventListener("click", editDetails);
  // The buttons above changed the cart (only possible before an order is made): a new estimate.
  document.addEventListener("jamcart:cart", () => paintEstimate());
  window.addEventListener("storage", followCartElsewhere);

  paintEstimate();
  resume();
}
