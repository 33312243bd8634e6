// The cart: SKUs and quantities only, in localStorage under "jamcart.cart" as {"TEA-001": 2}, shared by every tab.
// Titles, images and prices come from catalog.json when the cart is shown; the server prices the order itself, so
// nothing in storage is ever trusted as a price.
import { emit, reportError } from "./events.js";
import { t } from "./strings.js";

export const CART_KEY = "jamcart.cart";
/** The API's limits: 1–99 of a SKU, 1–50 lines. */
export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;
const SKU = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;

/** @typedef {Record<string, number>} Cart */

/**
 * Keeps only what a cart may hold: valid SKUs with whole quantities of 1–99 (more is cut to 99), at most 50 lines.
 * Anything else (another script's data, a hand edit, an old format) is dropped rather than sent to the server.
 * @param {unknown} value
 * @returns {Cart}
 */
export function sanitizeCart(value) {
  /** @type {Cart} */
  const cart = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return cart;
  let lines = 0;
  for (const [sku, quantity] of Object.entries(value)) {
    if (lines >= MAX_LINES) break;
    if (SKU.test(sku) && Number.isInteger(quantity) && quantity > 0) {
      cart[sku] = Math.min(quantity, MAX_QUANTITY);
      lines++;
    }
  }
  return cart;
}

/** @returns {Storage | null} localStorage, or null where the browser refuses it (blocked storage) */
function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * @param {Storage | null} [store]
 * @returns {Cart}
 */
export function readCart(store = storage()) {
  try {
    return sanitizeCart(JSON.parse(store?.getItem(CART_KEY) || "{}"));
  } catch {
    return {};
  }
}

/**
 * Saves the cart and tells this tab (`jamcart:cart`); other tabs hear it through the `storage` event.
 * @param {Cart} cart
 * @param {Storage | null} [store]
 * @returns {boolean} false when the browser would not store it
 */
export function writeCart(cart, store = storage()) {
  const clean = sanitizeCart(cart);
  try {
    if (!store) throw new Error("no storage");
    if (Object.keys(clean).length) store.setItem(CART_KEY, JSON.stringify(clean));
    else store.removeItem(CART_KEY);
  } catch {
    reportError("storage", t("error.storage"));
    return false;
  }
  emit("cart", { cart: clean });
  return true;
}

/** @param {Cart} cart */
export function cartCount(cart) {
  return Object.values(cart).reduce((sum, quantity) => sum + quantity, 0);
}

/**
 * The cart with `quantity` more of `sku`, within `limit` (live stock, at most 99) and the line limit.
 * @param {Cart} cart
 * @param {string} sku
 * @param {number} quantity
 * @param {number} limit
 * @returns {{ cart: Cart, added: number }}
 */
export function withAdded(cart, sku, quantity, limit) {
  const have = cart[sku] || 0;
  const room = have === 0 && Object.keys(cart).length >= MAX_LINES ? 0 : Math.min(limit, MAX_QUANTITY) - have;
  const added = Math.max(0, Math.min(quantity, room));
  return { cart: added ? { ...cart, [sku]: have + added } : cart, added };
}

/**
 * @param {string} sku
 * @param {number} quantity 0 removes the line
 */
export function setQuantity(sku, quantity) {
  const cart = readCart();
  if (quantity > 0) cart[sku] = Math.min(Math.floor(quantity), MAX_QUANTITY);
  else delete cart[sku];
  return writeCart(cart);
}

/**
 * Calls `listener` with the cart whenever it changes, in this tab or another.
 * @param {(cart: Cart) => void} listener
 */
export function onCartChange(listener) {
  document.addEventListener("jamcart:cart", () => listener(readCart()));
  window.addEventListener("storage", (event) => {
    if (event.key === CART_KEY || event.key === null) listener(readCart());
  });
}
