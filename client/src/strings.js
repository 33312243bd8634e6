// The page's settings and UI strings, from the JSON data blocks the templates render with the `t` and `money`
// filters (<script type="application/json" data-jamcart-strings>), so the script and the templates share one source.

/**
 * @typedef {object} PageConfig
 * @property {string} locale
 * @property {string} currency the store's currency, that of the money samples
 * @property {string[]} money the `money` filter's output for 1, 123456789012345 and -123456789012345 minor units
 * @property {number} [lowStock] the store's lowStockThreshold
 * @property {string} [homeUrl]
 * @property {string} [cartUrl]
 * @property {string} [checkoutUrl]
 * @property {string} [orderUrl]
 * @property {Record<string, string>} strings
 */

/** @type {PageConfig | undefined} */
let config;

/** @returns {PageConfig} */
export function pageConfig() {
  if (!config) {
    /** @type {PageConfig} */
    let merged = { locale: document.documentElement.lang || "en", currency: "", money: [], strings: {} };
    for (const block of document.querySelectorAll("script[data-jamcart-strings]")) {
      try {
        const data = JSON.parse(block.textContent || "{}");
        merged = { ...merged, ...data, strings: { ...merged.strings, ...data.strings } };
      } catch {
        // A broken block (a hand-edited template) leaves its keys showing as keys, like a missing `t` string.
      }
    }
    config = merged;
  }
  return config;
}

/**
 * Replaces {0}, {1}, … as the `t` filter does.
 * @param {string} text
 * @param {Array<string | number>} values
 */
export function interpolate(text, values) {
  values.forEach((value, i) => { text = text.split(`{${i}}`).join(String(value)); });
  return text;
}

/**
 * The UI string for `key` in the page's locale; the key itself when missing, as the `t` filter does.
 * @param {string} key
 * @param {...(string | number)} values
 */
export function t(key, ...values) {
  return interpolate(pageConfig().strings[key] ?? key, values);
}
