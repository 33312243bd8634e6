// Small DOM helpers. Everything from the catalog or the API goes in as text nodes, never as HTML.

/** @typedef {string | number | boolean | null | undefined} AttributeValue */
/** @typedef {Node | string | null | undefined | false} Child */

/**
 * An element with attributes (true: present, false/null/undefined: absent) and children.
 * @param {string} tag
 * @param {Record<string, AttributeValue> | null} [attributes]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === true) element.setAttribute(name, "");
    else if (value != null && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children) if (child != null && child !== false) element.append(child);
  return element;
}

/**
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {HTMLElement | null}
 */
export function one(selector, root = document) {
  return root.querySelector(selector);
}

/**
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {HTMLElement[]}
 */
export function all(selector, root = document) {
  return Array.from(root.querySelectorAll(selector));
}

/**
 * The content of a `<meta name>` of the layout (`jamcart:api`, `jamcart:catalog`).
 * @param {string} name
 */
export function meta(name) {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute("content") || "";
}

/**
 * Puts text in a live region. Cleared first, so that the same message twice is announced twice.
 * @param {Element | null | undefined} region
 * @param {string} text
 */
export function announce(region, text) {
  if (!region) return;
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}

/** @param {number} ms */
export function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
