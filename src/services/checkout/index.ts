/** The checkout domain's API: the only way other folders reach checkout/. */
export { answerCheckout, prepareCheckout, type BuyerContext, type CheckoutAnswer, type CheckoutGuard, type CheckoutRefusal } from './checkout-service';
export { checkVoiceCode, setVoiceCode } from './voice-code-service';
