// `jamcart:paid` once per order in a browser tab, whichever page (checkout or confirmation) sees it paid first.
import { emit } from "./events.js";

/** @param {{ orderId: string }} order */
export function announcePaid(order) {
  const key = "jamcart.paid." + order.orderId;
  try {
    if (sessionStorage.getItem(key)) return;
    sessionStorage.setItem(key, "1");
  } catch {
    // Without session storage a reload may announce it again; better than never.
  }
  emit("paid", { order });
}

/**
 * The confirmation page's address for an order: id and token in the fragment, which browsers never send to a
 * server or put in a Referer header.
 * @param {string} orderUrl
 * @param {string} orderId
 * @param {string} token
 */
export function confirmationUrl(orderUrl, orderId, token) {
  return `${orderUrl}#${new URLSearchParams({ order: orderId, token })}`;
}
