import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { listProducts } from '../../../store/admin-store';
import { findProductBySku, upsertProduct } from '../../../store/catalog-store';
import { restockProduct } from '../../../services/notifications';
import { CSV_DESCRIPTION, importProducts, productsFromCsv, refuseDuplicates } from '../catalog-import';
import { merchantCenterFeed } from '../merchant-feed';
import { defineRoute } from '../route-table';
import { productBody, productImportBody, productListQuery, skuParams } from '../schemas';

const importResult = z.object({ imported: z.number().int(), skus: z.array(z.string()) });

export const productRoutes = [
  defineRoute({
    method: 'get',
    path: '/catalog/merchant-feed',
    operationId: 'merchantCenterFeed',
    summary: 'The active catalogue as a Google Merchant Center text feed (TSV): ids are skus, prices, availability, and native_commerce for UCP checkout on Google',
    tag: 'catalog',
    response: { description: 'The feed file, one product a row', contentType: 'text/tab-separated-values' },
    handle: (_input, { config }) => merchantCenterFeed(config),
  }),
  defineRoute({
    method: 'get',
    path: '/products',
    operationId: 'listProducts',
    summary: 'List products, a page at a time, by category, active flag or part of the name or sku',
    tag: 'catalog',
    query: productListQuery,
    response: { description: 'A page of products: { items, page, pageSize, total }' },
    handle: ({ query }) => listProducts({ category: query.category, active: query.active, q: query.q }, query),
  }),
  defineRoute({
    method: 'get',
    path: '/products/:sku',
    operationId: 'getProduct',
    summary: 'One product with its stock',
    tag: 'catalog',
    params: skuParams,
    response: { description: 'The product' },
    errors: ['NOT_FOUND'],
    async handle({ params }) {
      const product = await findProductBySku(params.sku);
      if (!product) throw new AppError('NOT_FOUND', `No product with sku ${params.sku}.`);
      return product;
    },
  }),
  defineRoute({
    method: 'put',
    path: '/products/:sku',
    operationId: 'putProduct',
    summary: 'Create or replace a product; stock, when given, is set through the inventory ledger',
    tag: 'catalog',
    params: skuParams,
    body: productBody,
    response: { description: 'The product as stored' },
    async handle({ params, body }) {
      const { stock, ...product } = body;
      await upsertProduct({ sku: params.sku, ...product });
      // Through the notification service, so customers waiting for the sku hear it is back.
      if (stock !== undefined) await restockProduct(params.sku, stock);
      return findProductBySku(params.sku);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/products/import',
    operationId: 'importProducts',
    summary: 'Import products from JSON ({ products: [...] }) or CSV; all or nothing: one bad row refuses the whole file, naming the row and field',
    tag: 'catalog',
    body: productImportBody,
    csv: { description: CSV_DESCRIPTION },
    response: { description: 'How many products were created or replaced', schema: importResult },
    async handle({ body, csv }) {
      const products = csv !== undefined ? productsFromCsv(csv) : body!.products;
      if (csv === undefined) refuseDuplicates(products, (index) => index);
      return importProducts(products);
    },
  }),
];
