// The order confirmation page: a static page that reads the order id and token from the URL fragment
// (#order=ord_…&token=…), fetches the order, waits a bounded while when the payment is still processing, shows
// its lines and totals, and clears the cart of the order's lines once it is paid.
import { call, callWithRetries } from "./api.js";
import { readCart, writeCart } from "./cart.js";
import { all, h, one, wait } from "./dom.js";
import { reportError } from "./events.js";
import { formatMoney } from "./money.js";
import { announcePaid } from "./paid.js";
import { pageConfig, t } from "./strings.js";
import { loadCatalog } from "./catalog.js";
import { inPageLanguage, linesList, totalsList } from "./summary.js";

/** @typedef {import("./summary.js").Order} Order */

/** The last orders whose lines this browser took out of the cart. */
const CLEARED_KEY = "jamcart.cleared";

/** Waits between looks at a processing payment: about a minute in all, then the buyer is asked to check later. */
export const POLL_DELAYS_MS = [1000, 1000, 2000, 2000, 3000, 3000, 5000, 5000, 5000, 5000, 10000, 10000];

/**
 * The order id and token from a fragment such as "#order=ord_1&token=abc"; null when either is missing.
 * @param {string} hash
 */
export function orderFromHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const orderId = params.get("order") || "";
  const token = params.get("token") || "";
  return orderId && token ? { orderId, token } : null;
}

/**
 * Whether the page should keep asking: the order still waits for a payment that has not failed.
 * @param {Order} order
 */
export function isProcessing(order) {
  return order.status === "pending_payment" && !order.lastPaymentError;
}

/**
 * Points the page's language links at the same order: a link to the other language's confirmation page has no
 * fragment of its own, and without the order id and token that page can only say the order was not found.
 * @param {string} hash "#order=…&token=…"
 */
export function keepOrderInLanguageLinks(hash) {
  for (const link of all("a[hreflang]")) if (link instanceof HTMLAnchorElement) link.hash = hash;
}

export function startConfirmation() {
  const root = one("[data-jamcart-order]");
  if (!root) return;
  const statusBox = one("[data-jamcart-order-status]", root);
  const details = one("[data-jamcart-order-details]", root);
  const config = pageConfig();
  const ids = orderFromHash(location.hash);

  /**
   * @param {string} state the order's status, or "missing" / "waiting" / "unknown"
   * @param {string} text
   */
  function setStatus(state, text) {
    if (!statusBox) return;
    statusBox.dataset.status = state;
    statusBox.textContent = text;
  }

  /** @param {Order} order */
  async function show(order) {
    const products = await loadCatalog();
    const statusText = t("order.status." + order.status);
    const refunded = order.refundedAmount ? t("order.refunded_amount", formatMoney(order.refundedAmount, order.currency)) : "";
    details?.replaceChildren(
      h("p", { class: "order-number" }, t("order.number", order.orderId)),
      order.lastPaymentError && order.status === "pending_payment"
        ? h("p", { class: "form-alert", role: "alert" }, t("order.payment_failed"), " ",
          h("a", { href: config.checkoutUrl || "/checkout/" }, t("order.try_again")))
        : "",
      refunded ? h("p", null, refunded) : "",
      linesList(inPageLanguage(order.lines, products), order.currency),
      totalsList(order));
    setStatus(order.status, order.status === "paid" ? t("order.thanks") : statusText);
  }

  /** @param {Order} order */
  function whenPaid(order) {
    announcePaid(order);
    try {
      sessionStorage.removeItem("jamcart.checkout");
      // Once per order: the same page opened again later must not take out what the buyer has added since.
      const cleared = JSON.parse(localStorage.getItem(CLEARED_KEY) || "[]");
      if (!Array.isArray(cleared) || cleared.includes(order.orderId)) return;
      localStorage.setItem(CLEARED_KEY, JSON.stringify([...cleared, order.orderId].slice(-20)));
    } catch {
      // Storage refused: the cart is cleared below all the same.
    }
    // Only the order's own lines leave the cart: anything added in another tab meanwhile stays.
    const cart = readCart();
    for (const line of order.lines) delete cart[line.sku];
    writeCart(cart);
  }

  async function load() {
    if (!ids) {
      setStatus("missing", t("order.not_found"));
      return;
    }
    const path = `/orders/${encodeURIComponent(ids.orderId)}`;
    let answer = await callWithRetries("GET", path, { token: ids.token });
    // The buyer may arrive before the provider's webhook: ask the server to look at the payment itself once.
    if (answer.status === 200 && isProcessing(answer.data)) answer = await call("POST", path + "/confirm", { token: ids.token, body: {} });
    for (const delay of POLL_DELAYS_MS) {
      if (answer.status !== 200 || !isProcessing(answer.data)) break;
      await show(answer.data);
      setStatus("waiting", t("order.processing"));
      await wait(delay);
      answer = await callWithRetries("GET", path, { token: ids.token });
    }
    if (answer.status === 404) {
      setStatus("missing", t("order.not_found"));
      reportError("order-not-found", t("order.not_found"), { orderId: ids.orderId });
      return;
    }
    if (answer.status !== 200) {
      setStatus("unknown", t("order.unreachable"));
      reportError("network", t("order.unreachable"), { status: answer.status });
      return;
    }
    /** @type {Order} */
    const order = answer.data;
    await show(order);
    if (order.status === "paid") whenPaid(order);
    else if (isProcessing(order)) setStatus("waiting", t("order.still_processing"));
  }

  // Another order's link opened on this page changes only the fragment, which loads nothing by itself.
  window.addEventListener("hashchange", () => location.reload());
  if (ids) keepOrderInLanguageLinks(location.hash);
  load();
}
