// The script of every page: the cart count, buy buttons, live stock, the cart drawer and the cart page.
import { initBuyButtons } from "./buttons.js";
import { cartCount, onCartChange, readCart } from "./cart.js";
import { cartView } from "./cart-view.js";
import { all, one } from "./dom.js";
import { drawerView, initDrawer, openDrawer } from "./drawer.js";
import { initStock } from "./stock.js";

/** @param {import("./cart.js").Cart} cart */
function paintCount(cart) {
  const count = cartCount(cart);
  for (const badge of all("[data-jamcart-cart-count]")) badge.textContent = count > 99 ? "99+" : count > 0 ? String(count) : "";
}

export function start() {
  paintCount(readCart());
  const section = one("[data-jamcart-cart]");
  const view = section && one("[data-jamcart-cart-view]", section);
  const renderPage = view ? cartView(view, "cart") : null;
  const hasDrawer = initDrawer((container) => cartView(container, "drawer"));
  onCartChange((cart) => {
    paintCount(cart);
    renderPage?.();
    if (one("dialog[data-jamcart-drawer][open]")) drawerView()?.();
  });
  initBuyButtons(hasDrawer ? openDrawer : undefined);
  initStock();
  renderPage?.();
}
