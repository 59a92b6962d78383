import express, { Router } from 'express';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { findProductBySku, upsertProduct } from '../../store/catalog-store';
import { setStockLevel } from '../../store/inventory-store';
import { requireApiKey } from './auth';
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
    if (stock !== undefined) await setStockLevel(sku, stock);
    res.json(await findProductBySku(sku));
  });

  return router;
}
