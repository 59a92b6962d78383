// Catalog matching for spoken and typed product names: pure code, no I/O. See catalog-index.ts for the
// matcher, quantity.ts for "two bags of ...", normalize.ts and phonetic.ts for how words are compared.

export { CatalogIndex, type Candidate, type MatchableProduct, type MatchResult } from './catalog-index';
export { foldDiacritics, normalizeText } from './normalize';
export { parseQuantity, type QuantityParse } from './quantity';
export { languageOf, productMatcher, productNameIn, type LocalizableProduct, type ProductMatcher, type ProductNames } from './localized-index';
