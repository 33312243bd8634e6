import { startConfirmation } from "../confirmation.js";

startConfirmation();
