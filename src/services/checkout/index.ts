/** The checkout domain's API: the only way other folders reach checkout/. */
export { answerCheckout, placeSessionBasket, prepareCheckout, type BuyerContext, type CheckoutAnswer, type CheckoutGuard, type CheckoutRefusal, type BasketPlacement, type SessionBasket } from './checkout-service';
export { checkVoiceCode, setVoiceCode } from './voice-code-service';
