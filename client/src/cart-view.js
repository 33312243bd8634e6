// The cart as a list of lines (the cart page and the cart drawer): catalog data for display, live stock for limits,
// an estimated subtotal that says it is one (the server prices the order at checkout).
import { MAX_QUANTITY, readCart, setQuantity } from "./cart.js";
import { loadCatalog } from "./catalog.js";
import { announce, h, one, wait } from "./dom.js";
import { formatMoney } from "./money.js";
import { limitFor, liveStock, refreshStock } from "./stock.js";
import { pageConfig, t } from "./strings.js";

/**
 * @typedef {import("./catalog.js").CatalogProduct} CatalogProduct
 * @typedef {import("./cart.js").Cart} Cart
 */

/**
 * What to say about a line: gone from the catalog, sold out, or more than is left.
 * @param {number} quantity
 * @param {CatalogProduct | undefined} product
 * @param {number | undefined} available
 */
export function lineNote(quantity, product, available) {
  if (!product) return t("cart.unavailable");
  if (available === undefined) return "";
  if (available <= 0) return t("product.sold_out");
  return quantity > available ? t("cart.only_left", available) : "";
}

/**
 * @param {string} prefix keeps ids unique when two views share a page
 * @param {string} sku
 * @param {number} quantity
 * @param {CatalogProduct | undefined} product
 */
function lineItem(prefix, sku, quantity, product) {
  const id = `${prefix}-${sku}`;
  const title = product ? product.title : sku;
  const note = lineNote(quantity, product, liveStock.get(sku));
  return h("li", { class: "cart-line", "data-jamcart-line": sku },
    product && product.image
      ? h("img", { class: "cart-line-image", src: product.image, alt: "", width: 64, height: 64, loading: "lazy" })
      : h("span", { class: "cart-line-image" }),
    h("div", { class: "cart-line-info" },
      product ? h("a", { href: product.url }, title) : h("span", null, title),
      product && h("span", { class: "muted small" }, formatMoney(product.price, product.currency)),
      note && h("span", { class: "cart-line-note", id: id + "-note" }, note)),
    h("label", { class: "visually-hidden", for: id + "-quantity" }, t("cart.quantity_of", title)),
    h("input", {
      class: "cart-line-quantity", id: id + "-quantity", type: "number", inputmode: "numeric", min: 1,
      max: Math.max(1, Math.min(limitFor(sku), MAX_QUANTITY)), value: quantity, "data-jamcart-quantity": sku,
      "aria-describedby": note ? id + "-note" : null, "aria-invalid": note ? "true" : null,
    }),
    h("button", { type: "button", class: "link-button", id: id + "-remove", "data-jamcart-remove": sku },
      t("cart.remove"), h("span", { class: "visually-hidden" }, " " + title)),
    h("span", { class: "cart-line-amount price" }, product ? formatMoney(product.price * quantity, product.currency) : ""));
}

/**
 * The cart view of one container ([data-jamcart-cart-view]); renders now and whenever the cart or stock changes.
 * @param {HTMLElement} container
 * @param {string} prefix
 */
export function cartView(container, prefix) {
  /** @type {string} */
  let stockAskedFor = "";

  async function render() {
    // A quantity typed and left with Tab changes the cart before focus reaches the next control: drawing after that
    // step lets the new list give focus back to the control the shopper moved to.
    await wait(0);
    const cart = readCart();
    const skus = Object.keys(cart);
    const config = pageConfig();
    if (!skus.length) {
      container.replaceChildren(h("p", { class: "cart-empty" }, t("cart.empty"), " ",
        h("a", { href: config.homeUrl || "/" }, t("cart.continue"))));
      return;
    }
    const products = (await loadCatalog()) || {};
    const focused = document.activeElement && container.contains(document.activeElement) ? document.activeElement.id : "";
    let subtotal = 0;
    for (const sku of skus) if (products[sku]) subtotal += products[sku].price * cart[sku];
    container.replaceChildren(
      h("ul", { class: "cart-lines", "aria-label": t("cart.items") }, ...skus.map((sku) => lineItem(prefix, sku, cart[sku], products[sku]))),
      h("p", { class: "cart-total" }, h("span", null, t("cart.estimated_subtotal")), h("strong", { class: "price" }, formatMoney(subtotal))),
      h("p", { class: "muted small" }, t("cart.estimate_note")),
      h("a", { class: "button button-wide", href: config.checkoutUrl || "/checkout/" }, t("cart.checkout")));
    if (focused) document.getElementById(focused)?.focus();
    // Live limits for the lines shown, once per set of SKUs; painting again shows any line now over the stock.
    const key = skus.join(",");
    if (key !== stockAskedFor) {
      stockAskedFor = key;
      refreshStock(skus).then(render);
    }
  }

  container.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.jamcartQuantity) return;
    const quantity = Number.parseInt(input.value, 10);
    setQuantity(input.dataset.jamcartQuantity, Number.isNaN(quantity) ? 1 : Math.max(1, Math.min(quantity, Number(input.max) || MAX_QUANTITY)));
  });
  container.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-jamcart-remove]") : null;
    if (!(button instanceof HTMLElement)) return;
    const line = button.closest("li");
    // Focus goes to the next line's remove button, or the previous one's, or the view itself when the cart is empty.
    const next = line?.nextElementSibling || line?.previousElementSibling;
    const title = line?.querySelector(".cart-line-info > :first-child")?.textContent || "";
    setQuantity(button.dataset.jamcartRemove || "", 0);
    render().then(() => {
      const target = next ? one("[data-jamcart-remove]", next) : null;
      (target ? document.getElementById(target.id) : container)?.focus();
      announce(container.parentElement && one("[data-jamcart-cart-status]", container.parentElement), t("cart.removed", title));
    });
  });
  return render;
}
