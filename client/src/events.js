// What the shop's script tells the page: DOM CustomEvents named jamcart:*, for store authors and analytics.
//   jamcart:added  {sku, quantity, inCart}        cancelable: preventDefault() keeps the cart drawer closed
//   jamcart:cart   {cart}                          the cart changed (this tab)
//   jamcart:stock  {stock}                         live stock arrived
//   jamcart:order  {order}                         the server created or reloaded an order at checkout
//   jamcart:paid   {order}                         an order is paid (once per order and browser tab)
//   jamcart:error  {code, message, ...}            something went wrong; message is shown to the buyer as well

/**
 * Dispatches `jamcart:<name>` from `target` (bubbling, so listeners on `document` hear every one).
 * @param {string} name
 * @param {object} detail
 * @param {EventTarget} [target]
 * @returns {boolean} false when a listener called preventDefault()
 */
export function emit(name, detail, target = document) {
  return target.dispatchEvent(new CustomEvent("jamcart:" + name, { bubbles: true, cancelable: true, detail }));
}

/**
 * Reports an error as `jamcart:error`: `code` is a problem name of the API (`out-of-stock`) or the client's own
 * (`network`, `card-declined`, `storage`, …).
 * @param {string} code
 * @param {string} message
 * @param {object} [extra]
 * @param {EventTarget} [target]
 */
export function reportError(code, message, extra, target) {
  emit("error", { code, message, ...extra }, target);
}
