/** The orders domain's API: the only way other folders reach orders/. */
export { advanceOrder, afterEachOrderStep, cancelOrderForCustomer, findCustomerOrderByNumber, placeOrder, recentOrders, RESUME_AFTER_MS, resumeUnfinishedOrders, updateOrderStatus, type CancelResult } from './order-service';
export { compareWithToday, findReorderSource, type ReorderSelector } from './reorder-service';
