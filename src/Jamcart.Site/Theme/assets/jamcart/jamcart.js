// Jamcart storefront script: buy buttons and the cart count. The cart keeps SKUs and quantities only;
// display data comes from catalog.json and prices are always computed again by the server.
const CART_KEY = "jamcart.cart";
const MAX_QUANTITY = 99;

/** @returns {Record<string, number>} */
function readCart() {
  try {
    const raw = JSON.parse(localStorage.getItem(CART_KEY) || "{}");
    /** @type {Record<string, number>} */
    const cart = {};
    for (const [sku, quantity] of Object.entries(raw)) {
      if (Number.isInteger(quantity) && quantity > 0) cart[sku] = Math.min(quantity, MAX_QUANTITY);
    }
    return cart;
  } catch {
    return {};
  }
}

/** @param {Record<string, number>} cart */
function writeCart(cart) {
  localStorage.setItem(CART_KEY, JSON.stringify(cart));
  renderCount(cart);
}

/** @param {Record<string, number>} cart */
function renderCount(cart) {
  const count = Object.values(cart).reduce((sum, quantity) => sum + quantity, 0);
  for (const badge of document.querySelectorAll("[data-jamcart-cart-count]")) {
    badge.textContent = count > 0 ? String(count) : "";
  }
}

/** @param {SubmitEvent} event */
function onAdd(event) {
  const form = /** @type {HTMLFormElement} */ (event.target);
  const sku = form.dataset.jamcartAdd;
  if (!sku) return;
  event.preventDefault();
  const input = /** @type {HTMLInputElement | null} */ (form.querySelector("input[name=quantity]"));
  const quantity = Math.max(1, Math.min(MAX_QUANTITY, Number.parseInt(input?.value || "1", 10) || 1));
  const cart = readCart();
  cart[sku] = Math.min(MAX_QUANTITY, (cart[sku] || 0) + quantity);
  writeCart(cart);
  form.dispatchEvent(new CustomEvent("jamcart:added", { bubbles: true, detail: { sku, quantity } }));
}

document.addEventListener("submit", (event) => {
  if (event.target instanceof HTMLFormElement && event.target.dataset.jamcartAdd) onAdd(/** @type {SubmitEvent} */ (event));
});
window.addEventListener("storage", (event) => {
  if (event.key === CART_KEY) renderCount(readCart());
});
renderCount(readCart());
