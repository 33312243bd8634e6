import { startCheckout } from "../checkout.js";

startCheckout();
