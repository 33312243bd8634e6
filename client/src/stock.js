// Live stock: the page asks GET /api/stock for the SKUs it shows, then updates their badges, buttons and quantity
// limits. A static page says how things stood when it was built; this says how they stand now.
import { fetchStock } from "./api.js";
import { MAX_QUANTITY } from "./cart.js";
import { all } from "./dom.js";
import { emit } from "./events.js";
import { pageConfig, t } from "./strings.js";

/** Units available per SKU, as the API last said. */
export const liveStock = new Map();
const STATES = ["in_stock", "low_stock", "sold_out"];
let fetchedAt = 0;

/**
 * The availability a count shows, as the build decides it: sold out at 0, low at or under the threshold.
 * @param {number} count
 * @param {number} threshold
 */
export function availabilityOf(count, threshold) {
  return count <= 0 ? "sold_out" : count <= threshold ? "low_stock" : "in_stock";
}

/**
 * How many of `sku` a cart may hold: the live count when known, never more than 99.
 * @param {string} sku
 */
export function limitFor(sku) {
  const count = liveStock.get(sku);
  return count === undefined ? MAX_QUANTITY : Math.max(0, Math.min(count, MAX_QUANTITY));
}

/**
 * Asks for the live count of `skus` and remembers it; keeps what is known when the API does not answer.
 * @param {string[]} skus
 */
export async function refreshStock(skus) {
  if (!skus.length) return;
  const stock = await fetchStock(skus);
  for (const [sku, count] of Object.entries(stock)) liveStock.set(sku, count);
  fetchedAt = Date.now();
  if (Object.keys(stock).length) emit("stock", { stock });
}

/** The SKUs this page shows: badges and buy buttons. */
function pageSkus() {
  return all("[data-jamcart-stock],[data-jamcart-add]")
    .map((element) => element.dataset.jamcartStock || element.dataset.jamcartAdd || "")
    .filter(Boolean);
}

/** Brings every badge and buy button of the page in line with the live counts. */
export function paintStock() {
  const threshold = pageConfig().lowStock ?? 0;
  for (const badge of all("[data-jamcart-stock]")) {
    const count = liveStock.get(badge.dataset.jamcartStock);
    if (count === undefined) continue;
    const state = availabilityOf(count, threshold);
    badge.classList.remove(...STATES.map((s) => "badge-" + s));
    badge.classList.add("badge-" + state);
    badge.textContent = state === "sold_out" ? t("product.sold_out") : state === "low_stock" ? t("product.only_left", count) : t("product.in_stock");
  }
  for (const target of all("[data-jamcart-add]")) {
    const count = liveStock.get(target.dataset.jamcartAdd);
    if (count === undefined) continue;
    const soldOut = count <= 0;
    const controls = target instanceof HTMLFormElement ? all("button, input", target) : [target];
    for (const control of controls) {
      if (control instanceof HTMLButtonElement || control instanceof HTMLInputElement) control.disabled = soldOut;
      if (control instanceof HTMLInputElement && control.name === "quantity") control.max = String(Math.max(1, Math.min(count, MAX_QUANTITY)));
      // Only elements that opt in with data-jamcart-label have their text swapped; a store's own buttons keep theirs.
      if (control.hasAttribute("data-jamcart-label")) control.textContent = soldOut ? t("product.sold_out") : t("product.add_to_cart");
    }
    target.classList.toggle("is-sold-out", soldOut);
  }
}

/** Fetches and paints on load, and again when the shopper comes back to a tab after a while. */
export function initStock() {
  const update = () => refreshStock(pageSkus()).then(paintStock);
  update();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && Date.now() - fetchedAt > 60000) update();
  });
  window.addEventListener("pageshow", (event) => { if (event.persisted) update(); });
}
