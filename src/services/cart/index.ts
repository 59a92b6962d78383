/** The cart domain's API: the only way other folders reach cart/. */
export {
  addToCart,
  applyDiscountCode,
  basketWork,
  changeCustomerCart,
  removeDiscountCode,
  removeFromCart,
  replaceCartWithCatalogOrder,
  viewCart,
  type ApplyDiscountOutcome,
  type CartView,
  type CatalogOrderItem,
} from './cart-service';
