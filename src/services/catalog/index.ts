/** The catalog domain's API: the only way other folders reach catalog/. */
export { catalogIndex, giftCategories, giftIdeas, invalidateCatalogIndex, productBySku, productsBySku, unitsInStock, type CatalogProduct } from './catalog-service';
