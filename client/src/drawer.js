// The cart drawer: a modal <dialog> (the browser keeps focus inside it and closes it on Escape), opened by the cart
// link and after adding to the cart. Without JavaScript the cart link simply goes to the cart page.
import { one } from "./dom.js";

/** @type {HTMLDialogElement | null} */
let dialog = null;
/** @type {(() => Promise<void>) | null} */
let renderView = null;
/** @type {HTMLElement | null} */
let opener = null;

/**
 * @param {(container: HTMLElement) => () => Promise<void>} createView
 * @returns {boolean} whether the page has a drawer
 */
export function initDrawer(createView) {
  const found = one("dialog[data-jamcart-drawer]");
  // The cart page shows the cart itself; a browser without <dialog> keeps the plain link.
  if (!(found instanceof HTMLDialogElement) || typeof found.showModal !== "function" || one("[data-jamcart-cart]")) return false;
  dialog = found;
  const view = one("[data-jamcart-cart-view]", dialog);
  if (view) renderView = createView(view);
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-jamcart-cart-link]") : null;
    if (!(link instanceof HTMLElement) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openDrawer(link);
  });
  // A click on the backdrop lands on the dialog itself; its content fills an inner panel.
  dialog.addEventListener("click", (event) => {
    const target = /** @type {Element} */ (event.target);
    if (target === dialog || target.closest("[data-jamcart-close]")) dialog?.close();
  });
  dialog.addEventListener("close", () => opener?.focus());
  return true;
}

/**
 * Opens the drawer, showing the cart as it is now.
 * @param {HTMLElement} from the element focus returns to when the drawer closes
 */
export function openDrawer(from) {
  if (!dialog) return;
  opener = from;
  renderView?.();
  if (!dialog.open) dialog.showModal();
}

/** @returns {(() => Promise<void>) | null} */
export function drawerView() {
  return renderView;
}
