/** The cart domain's API: the only way other folders reach cart/. */
export {
  addToCart,
  applyDiscountCode,
  changeCustomerCart,
  removeDiscountCode,
  removeFromCart,
  replaceCartWithCatalogOrder,
  viewCart,
  type ApplyDiscountOutcome,
  type CartView,
  type CatalogOrderItem,
} from './cart-service';
