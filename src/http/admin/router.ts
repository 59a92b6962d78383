import express, { Router } from 'express';
import type { Config } from '../../config';
import { requireApiKey } from './auth';
import { defineRoute, mountRoutes, openApiDocument, type AdminRoute } from './route-table';
import { notificationRoutes, orderStatusRoutes } from './notifications';
import { campaignRoutes } from './routes/campaigns';
import { customerRoutes } from './routes/customers';
import { insightRoutes } from './routes/insights';
import { discountRoutes } from './routes/discounts';
import { eventSeriesRoutes } from './routes/event-series';
import { inboundRoutes } from './routes/inbound';
import { messageSpendRoutes } from './routes/message-spend';
import { orderRoutes } from './routes/orders';
import { paymentRoutes } from './routes/payments';
import { productRoutes } from './routes/products';
import { staffRoutes } from './routes/staff';

const API_INFO = { title: 'Admin API', version: '1.0.0' };

/**
 * Every admin route, once: the router and the OpenAPI document are both built from this table.
 * To add routes, define them with `defineRoute` in a module of your own and spread them in here.
 */
export const ADMIN_ROUTES: AdminRoute[] = [
  ...productRoutes,
  ...orderRoutes,
  ...orderStatusRoutes,
  ...paymentRoutes,
  ...notificationRoutes,
  ...customerRoutes,
  ...inboundRoutes,
  ...discountRoutes,
  ...campaignRoutes,
  ...eventSeriesRoutes,
  ...insightRoutes,
  ...messageSpendRoutes,
  ...staffRoutes,
  defineRoute({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document (OpenAPI 3.1), generated from the routes and their zod schemas',
    tag: 'meta',
    response: { description: 'The OpenAPI document' },
    handle: async () => adminOpenApiDocument(),
  }),
];

export function adminOpenApiDocument(): Record<string, unknown> {
  return openApiDocument(ADMIN_ROUTES, API_INFO);
}

export function adminRouter(config: Config): Router {
  const router = Router();
  router.use(requireApiKey(config.ADMIN_API_KEY));
  router.use(express.json({ limit: '1mb', strict: true }));
  router.use(express.text({ type: 'text/csv', limit: '5mb' }));
  mountRoutes(router, ADMIN_ROUTES, { config });
  return router;
}
