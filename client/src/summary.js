// An order's lines and totals as the server priced them (checkout summary, confirmation page), or the cart's
// estimate from catalog.json before the server has priced it.
import { h } from "./dom.js";
import { formatMoney } from "./money.js";
import { t } from "./strings.js";

/**
 * @typedef {object} OrderLine
 * @property {string} sku
 * @property {string} title
 * @property {number} quantity
 * @property {number} [unitAmount]
 * @property {number | null} amount null when unknown (a SKU missing from the catalog)
 */

/**
 * @typedef {object} Order the API's order view (docs/api.md)
 * @property {string} orderId
 * @property {string} [orderToken]
 * @property {string} status
 * @property {string} currency
 * @property {OrderLine[]} lines
 * @property {number} subtotal
 * @property {number} shipping
 * @property {number} discount
 * @property {number} tax
 * @property {boolean} taxInclusive
 * @property {number} total
 * @property {string} [reservedUntil]
 * @property {string | null} [statusReason]
 * @property {number} [refundedAmount]
 * @property {{ code?: string, declineCode?: string, message?: string } | null} [lastPaymentError]
 * @property {import("./provider.js").Payment} [payment]
 */

/**
 * The order's lines under the titles this page's catalog gives their SKUs. The server keeps each line's title as the
 * store's default language wrote it when the order was placed; the catalog is the page's own language. A SKU the
 * catalog no longer lists keeps the order's title.
 * @param {OrderLine[]} lines
 * @param {Record<string, { title: string }> | null} products
 * @returns {OrderLine[]}
 */
export function inPageLanguage(lines, products) {
  return lines.map((line) => {
    const product = products && Object.prototype.hasOwnProperty.call(products, line.sku) ? products[line.sku] : null;
    return product && typeof product.title === "string" ? { ...line, title: product.title } : line;
  });
}

/**
 * The lines as a list whose items carry data-jamcart-line="SKU"; `notes` adds a problem (and maybe a button) to a line.
 * @param {OrderLine[]} lines
 * @param {string} currency
 * @param {Record<string, HTMLElement | string>} [notes]
 */
export function linesList(lines, currency, notes = {}) {
  return h("ul", { class: "summary-lines", "aria-label": t("cart.items") }, ...lines.map((line) =>
    h("li", { class: "summary-line" + (notes[line.sku] ? " has-problem" : ""), "data-jamcart-line": line.sku },
      h("span", { class: "summary-line-title" }, line.title, h("span", { class: "muted" }, " × " + line.quantity)),
      h("span", { class: "price" }, line.amount == null ? "" : formatMoney(line.amount, currency)),
      notes[line.sku] ? h("span", { class: "line-problem" }, notes[line.sku]) : null)));
}

/**
 * @param {string} label
 * @param {number} amount
 * @param {string} currency
 * @param {string} [className]
 */
function row(label, amount, currency, className) {
  return [h("dt", { class: className }, label), h("dd", { class: (className || "") + " price" }, formatMoney(amount, currency))];
}

/**
 * Subtotal, shipping, discount, tax and total as the server computed them.
 * @param {Order} order
 */
export function totalsList(order) {
  const c = order.currency;
  return h("dl", { class: "totals" },
    ...row(t("order.subtotal"), order.subtotal, c),
    ...row(t("order.shipping"), order.shipping, c),
    ...(order.discount ? row(t("order.discount"), -order.discount, c) : []),
    ...row(order.taxInclusive ? t("order.tax_included") : t("order.tax"), order.tax, c),
    ...row(t("order.total"), order.total, c, "total"));
}
