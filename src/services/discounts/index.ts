/** The discounts domain's API: the only way other folders reach discounts/. */
export { checkDiscountForCustomer, claimDiscount, createDiscount, describeDiscount, priceDiscount, releaseDiscount, type NewDiscount } from './discount-service';
export { setDiscountActive } from '../../store/discount-store';
