// catalog.json: what the cart shows for each SKU. Loaded once per page, only when a cart is shown.
import { meta } from "./dom.js";

/**
 * @typedef {object} CatalogProduct
 * @property {string} sku
 * @property {string} title
 * @property {string} url
 * @property {number} price minor units, for display only: the server prices orders itself
 * @property {string} currency
 * @property {string | null} image
 * @property {string} availability
 */

/** @type {Promise<Record<string, CatalogProduct> | null> | undefined} */
let loading;

/** @returns {Promise<Record<string, CatalogProduct> | null>} the products by SKU, or null when it cannot be loaded */
export function loadCatalog() {
  loading ??= fetch(meta("jamcart:catalog") || "/catalog.json")
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((catalog) => catalog.products || {})
    .catch(() => {
      loading = undefined;
      return null;
    });
  return loading;
}
