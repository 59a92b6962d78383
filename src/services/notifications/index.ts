/** The notifications domain's API: the only way other folders reach notifications/. */
export {
  emailsReceipts,
  notificationRecipient,
  NOTIFICATION_JOB_KIND,
  orderForNotification,
  queueOrderStatusNotification,
  queuePaymentLink,
  queueReceipt,
  queueStockAlerts,
  RECEIPT_JOB_KIND,
  UCP_ORDER_UPDATE_JOB_KIND,
  requestStockAlert,
  restockProduct,
  type NotificationPayload,
  type NotificationRecipient,
  type ReceiptPayload,
  type UcpOrderUpdatePayload,
} from './notification-service';
