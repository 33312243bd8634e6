// The cart as a list of lines (the cart page and the cart drawer): catalog data for display, live stock for limits,
// an estimated subtotal that says it is one (the server prices the order at checkout).
import { MAX_QUANTITY, readCart, setQuantity } from "./cart.js";
import { loadCatalog } from "./catalog.js";
import { all, announce, h, one } from "./dom.js";
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
      product && h("span", { class: "muted small cart-line-unit-price" }, formatMoney(product.price, product.currency)),
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
 * Makes `node` look like `fresh` while keeping every node whose tag stays the same, so that nothing the buyer is
 * using is replaced: a link or button keeps its focus, and a field keeps its focus, caret and typed value (it takes
 * the new value only while the buyer is not in it).
 * @param {ChildNode} node
 * @param {ChildNode} fresh
 */
export function morph(node, fresh) {
  if (node.nodeName !== fresh.nodeName) return node.replaceWith(fresh);
  if (node instanceof Element && fresh instanceof Element) {
    for (const { name } of [...node.attributes]) if (!fresh.hasAttribute(name)) node.removeAttribute(name);
    for (const { name, value } of [...fresh.attributes]) if (name !== "value" && node.getAttribute(name) !== value) node.setAttribute(name, value);
    if (node instanceof HTMLInputElement && node !== document.activeElement && node.value !== fresh.getAttribute("value")) node.value = fresh.getAttribute("value") || "";
  } else if (node.nodeValue !== fresh.nodeValue) node.nodeValue = fresh.nodeValue;
  const children = [...fresh.childNodes];
  children.forEach((child, i) => (node.childNodes[i] ? morph(node.childNodes[i], child) : /** @type {Element} */ (node).append(child)));
  while (node.childNodes.length > children.length) node.lastChild?.remove();
}

/**
 * The cart view of one container ([data-jamcart-cart-view]); renders now and whenever the cart or stock changes.
 * Lines already shown are updated where they are, never drawn anew: live stock may answer, or another tab change the
 * cart, while the buyer types a quantity.
 * @param {HTMLElement} container
 * @param {string} prefix
 */
export function cartView(container, prefix) {
  /** @type {string} */
  let stockAskedFor = "";

  async function render() {
    const config = pageConfig();
    if (!Object.keys(readCart()).length) {
      container.replaceChildren(h("p", { class: "cart-empty" }, t("cart.empty"), " ",
        h("a", { href: config.homeUrl || "/" }, t("cart.continue"))));
      return;
    }
    const products = (await loadCatalog()) || {};
    const cart = readCart();
    const skus = Object.keys(cart);
    // Emptied while the catalog loaded.
    if (!skus.length) return render();
    let list = one(".cart-lines", container);
    if (!list) {
      list = h("ul", { class: "cart-lines", "aria-label": t("cart.items") });
      container.replaceChildren(list,
        h("p", { class: "cart-total" }, h("span", null, t("cart.estimated_subtotal")), h("strong", { class: "price" })),
        h("p", { class: "muted small" }, t("cart.estimate_note")),
        h("a", { class: "button button-wide", href: config.checkoutUrl || "/checkout/" }, t("cart.checkout")));
    }
    // Lines that left the cart go first, so that the lines kept never move: a field taken out and put back loses focus.
    const shown = new Map(all("[data-jamcart-line]", list).map((line) => [line.dataset.jamcartLine, line]));
    for (const [sku, line] of shown) if (!cart[sku || ""]) line.remove();
    let subtotal = 0;
    skus.forEach((sku, i) => {
      const product = products[sku];
      if (product) subtotal += product.price * cart[sku];
      const fresh = lineItem(prefix, sku, cart[sku], product);
      const line = shown.get(sku);
      if (line) morph(line, fresh);
      const node = line || fresh;
      if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
    });
    const total = one(".cart-total .price", container);
    if (total) total.textContent = formatMoney(subtotal);
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
    const typed = Number.parseInt(input.value, 10);
    const quantity = Number.isNaN(typed) ? 1 : Math.max(1, Math.min(typed, Number(input.max) || MAX_QUANTITY));
    // The field keeps what was typed while it has focus (Enter commits without leaving it): show what the cart took.
    input.value = String(quantity);
    setQuantity(input.dataset.jamcartQuantity, quantity);
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
