import express, { Router } from 'express';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { findProductBySku, upsertProduct } from '../../store/catalog-store';
import { restockProduct } from '../../services/notification-service';
import { requireApiKey } from './auth';
import { registerNotificationRoutes, registerOrderStatusRoute } from './notifications';
import { productBody, skuParam } from './schemas';

export function adminRouter(config: Config): Router {
  const router = Router();
  router.use(requireApiKey(config.ADMIN_API_KEY));
  router.use(express.json({ limit: '1mb', strict: true }));

  router.get('/products/:sku', async (req, res) => {
    const sku = skuParam.parse(req.params.sku);
    const product = await findProductBySku(sku);
    if (!product) throw new AppError('NOT_FOUND', `No product with sku ${sku}.`);
    res.json(product);
  });

  router.put('/products/:sku', async (req, res) => {
    const sku = skuParam.parse(req.params.sku);
    const { stock, ...product } = productBody.parse(req.body);
    await upsertProduct({ sku, ...product });
    // Through the service, so customers waiting for the sku hear it is back.
    if (stock !== undefined) await restockProduct(sku, stock);
    res.json(await findProductBySku(sku));
  });

  registerOrderStatusRoute(router);
  registerNotificationRoutes(router);

  return router;
}
