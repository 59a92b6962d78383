/** The orders domain's API: the only way other folders reach orders/. */
export { advanceOrder, afterEachOrderStep, cancelOrderForCustomer, earlierPlacement, findCustomerOrderByNumber, placeOrder, recentOrders, RESUME_AFTER_MS, resumeUnfinishedOrders, updateOrderStatus, type CancelResult, type PlacementResult } from './order-service';
export { compareWithToday, findReorderSource, type ReorderSelector } from './reorder-service';
