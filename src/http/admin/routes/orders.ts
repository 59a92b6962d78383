import { Types } from 'mongoose';
import { AppError } from '../../../core/errors';
import { findOrderWithHistory, listOrders } from '../../../store/admin-store';
import { defineRoute } from '../route-table';
import { orderListQuery, orderNumberParams } from '../schemas';

export const orderRoutes = [
  defineRoute({
    method: 'get',
    path: '/orders',
    operationId: 'listOrders',
    summary: 'List orders, newest first, by status, customer and date created',
    tag: 'orders',
    query: orderListQuery,
    response: { description: 'A page of orders: { items, page, pageSize, total }' },
    handle: ({ query }) =>
      listOrders({ status: query.status, customerId: query.customerId ? new Types.ObjectId(query.customerId) : undefined, from: query.from, to: query.to }, query),
  }),
  defineRoute({
    method: 'get',
    path: '/orders/:orderNumber',
    operationId: 'getOrder',
    summary: 'One order with its status history',
    tag: 'orders',
    params: orderNumberParams,
    response: { description: 'The order and its history' },
    errors: ['ORDER_NOT_FOUND'],
    async handle({ params }) {
      const order = await findOrderWithHistory(params.orderNumber);
      if (!order) throw new AppError('ORDER_NOT_FOUND', `No order ${params.orderNumber}.`);
      return order;
    },
  }),
];
