/** The cart domain's API: the only way other folders reach cart/. */
export { addToCart, basketWork, changeCustomerCart, removeFromCart, replaceCartWithCatalogOrder, viewCart, type CartView, type CatalogOrderItem } from './cart-service';
