// The part of Stripe.js (and of the sandbox's sandbox.js, which mirrors it) that the checkout uses.

interface ProviderError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  payment_intent?: ProviderPaymentIntent;
}

interface ProviderPaymentIntent {
  id: string;
  status: string;
  last_payment_error?: ProviderError | null;
}

interface ProviderResult {
  paymentIntent?: ProviderPaymentIntent;
  error?: ProviderError;
}

interface CardChange {
  complete: boolean;
  empty: boolean;
  /** The card's network as far as typed ("visa", "unknown"); Stripe's card element and the sandbox's both send it. */
  brand?: string;
  error?: ProviderError;
}

interface CardElement {
  mount(target: HTMLElement | string): void;
  unmount(): void;
  destroy(): void;
  focus(): void;
  on(event: "change", handler: (event: CardChange) => void): CardElement;
  on(event: "ready" | "focus" | "blur", handler: () => void): CardElement;
}

interface ProviderClient {
  elements(): { create(type: "card", options?: object): CardElement };
  confirmCardPayment(clientSecret: string, data: object): Promise<ProviderResult>;
  retrievePaymentIntent(clientSecret: string): Promise<ProviderResult>;
}

type ProviderFactory = (publishableKey: string, options?: object) => ProviderClient;

interface Window {
  Stripe?: ProviderFactory;
  Sandbox?: ProviderFactory;
}
