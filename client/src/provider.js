// The payment provider's browser script: Stripe.js, or the sandbox's sandbox.js, which mirrors it. Card details are
// typed into the provider's own field (a frame of its origin); this page only ever holds a client secret.

/** Stripe.js when the API does not say where the script is (an older server). */
const STRIPE_JS = "https://js.stripe.com/v3/";

/**
 * @typedef {object} Payment the `payment` member of an order
 * @property {string} provider "sandbox" or "stripe"
 * @property {string} publishableKey
 * @property {string} clientSecret
 * @property {string} [scriptUrl]
 */

/** @type {Record<string, Promise<void>>} */
const loading = {};

/**
 * Loads a classic script once (the providers' scripts are not modules and read document.currentScript).
 * @param {string} src
 */
export function loadScript(src) {
  loading[src] ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      delete loading[src];
      script.remove();
      reject(new Error("could not load " + src));
    };
    document.head.append(script);
  });
  return loading[src];
}

/**
 * The provider's client for `payment`, its script loaded first when needed.
 * @param {Payment} payment
 * @param {string} locale
 * @returns {Promise<ProviderClient>}
 */
export async function providerClient(payment, locale) {
  const stripe = payment.provider === "stripe";
  let factory = stripe ? window.Stripe : window.Sandbox;
  if (!factory) {
    await loadScript(payment.scriptUrl || (stripe ? STRIPE_JS : ""));
    factory = stripe ? window.Stripe : window.Sandbox;
  }
  if (!factory) throw new Error("the payment script did not start");
  // Both take the page's locale, so that the card field and its messages speak the page's language.
  return factory(payment.publishableKey, { locale });
}

/**
 * The provider's answer to `ask`, never a rejection: a provider script that throws or rejects is taken as an answer
 * that never came (`api_connection_error`), so that the page asks for the PaymentIntent again instead of waiting on.
 * @param {() => Promise<any>} ask
 * @returns {Promise<any>}
 */
export async function providerAnswer(ask) {
  try {
    return (await ask()) ?? { error: { type: "api_connection_error" } };
  } catch {
    return { error: { type: "api_connection_error" } };
  }
}
