// Buy buttons from data attributes, so a store's own templates and hand-written HTML work too:
//   <form data-jamcart-add="TEA-001"> … <input name="quantity"> … <button>Add</button></form>
//   <button type="button" data-jamcart-add="TEA-001" data-jamcart-quantity="2">Add two</button>
// A nearby [data-jamcart-status] (inside the form or the element's parent) says what happened.
import { MAX_QUANTITY, readCart, withAdded, writeCart } from "./cart.js";
import { announce } from "./dom.js";
import { emit, reportError } from "./events.js";
import { limitFor } from "./stock.js";
import { t } from "./strings.js";

/**
 * The quantity asked for: the form's `quantity` field, else data-jamcart-quantity, else 1; always 1–99.
 * @param {HTMLElement} element
 */
export function requestedQuantity(element) {
  const field = element.querySelector("[name=quantity]");
  const raw = field instanceof HTMLInputElement || field instanceof HTMLSelectElement ? field.value : element.dataset.jamcartQuantity;
  const quantity = Number.parseInt(raw || "1", 10);
  return quantity > 0 ? Math.min(quantity, MAX_QUANTITY) : 1;
}

/**
 * What is wrong with a quantity typed into a buy form, as an i18n key and the most that may be asked for, or null
 * when it is a whole number from 1 to `limit` (live stock, at most 99). An empty field asks for 1.
 * @param {string} typed
 * @param {number} limit
 * @returns {[string, number] | null}
 */
export function quantityProblem(typed, limit) {
  const text = typed.trim();
  if (!text) return null;
  const most = Math.min(limit, MAX_QUANTITY);
  const quantity = /^\d+$/.test(text) ? Number(text) : 0;
  return quantity >= 1 && quantity <= most ? null : ["product.quantity_range", most];
}

/**
 * Says what is wrong with the quantity field in the page's words, or clears it: the form has `novalidate`, since the
 * browser's own bubble speaks the browser's language, not the page's, and never says why the limit is what it is.
 * @param {HTMLInputElement} field
 * @param {Element | null | undefined} status
 * @param {number} limit
 * @returns {boolean} whether the quantity can be added
 */
function checkQuantityField(field, status, limit) {
  const problem = quantityProblem(field.value, limit);
  if (!problem) {
    field.removeAttribute("aria-invalid");
    return true;
  }
  const message = t(...problem);
  field.setAttribute("aria-invalid", "true");
  announce(status, message);
  reportError("invalid-quantity", message, { quantity: field.value, available: problem[1] }, field);
  field.focus();
  return false;
}

/**
 * Adds what `element` asks for to the cart, within live stock.
 * @param {HTMLElement} element
 * @param {(opener: HTMLElement) => void} [showCart] opens the cart drawer unless a jamcart:added listener prevents it
 */
export function addFrom(element, showCart) {
  const sku = element.dataset.jamcartAdd || "";
  const status = element.querySelector("[data-jamcart-status]") || element.parentElement?.querySelector("[data-jamcart-status]");
  const limit = limitFor(sku);
  if (limit <= 0) {
    announce(status, t("product.sold_out"));
    reportError("out-of-stock", t("product.sold_out"), { sku, available: 0 }, element);
    return;
  }
  const field = element.querySelector("input[name=quantity]");
  if (field instanceof HTMLInputElement && !checkQuantityField(field, status, limit)) return;
  const { cart, added } = withAdded(readCart(), sku, requestedQuantity(element), limit);
  if (!added) {
    const message = t("cart.limit", limit);
    announce(status, message);
    reportError("quantity-limit", message, { sku, available: limit }, element);
    return;
  }
  if (!writeCart(cart)) return;
  announce(status, t("cart.added"));
  if (emit("added", { sku, quantity: added, inCart: cart[sku] }, element) && showCart) showCart(element);
}

/** @param {(opener: HTMLElement) => void} [showCart] */
export function initBuyButtons(showCart) {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.jamcartAdd) {
      event.preventDefault();
      addFrom(form, showCart);
    }
  });
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-jamcart-add]:not(form)") : null;
    if (target instanceof HTMLElement && target.getAttribute("aria-disabled") !== "true") {
      event.preventDefault();
      addFrom(target, showCart);
    }
  });
}
