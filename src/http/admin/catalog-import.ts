import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { upsertProduct } from '../../store/catalog-store';
import { restockProduct } from '../../services/notifications';
import { invalidateCatalogIndex } from '../../services/catalog';
import { importedProduct } from './schemas';

export type ImportedProduct = z.output<typeof importedProduct>;

/**
 * CSV columns (a header row names them; any order). Lists are separated by `|`; empty cells are
 * left out, so defaults apply. `priceMinor` is whole minor units (1299 for 12.99).
 */
export const CSV_COLUMNS = [
  'sku',
  'name',
  'category',
  'description',
  'synonyms',
  'priceMinor',
  'currency',
  'stock',
  'minimumAge',
  'notSoldByVoice',
  'restrictionReason',
  'rating',
  'reviewCount',
  'reviewSummary',
  'imageUrl',
  'giftAgeMin',
  'giftAgeMax',
  'tags',
  'active',
] as const;

export const CSV_DESCRIPTION = `A header row, then one product per row. Columns: ${CSV_COLUMNS.join(', ')}; sku, name, category, priceMinor (whole minor units) and currency are required; synonyms and tags are |-separated; notSoldByVoice and active are true or false.`;

type Row = Record<string, string>;

/** Numbers and booleans as written; a cell that is not one is passed on as text for zod to refuse by name. */
function number(cell: string | undefined): number | string | undefined {
  if (cell === undefined || cell === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
}

function boolean(cell: string | undefined): boolean | string | undefined {
  if (cell === undefined || cell === '') return undefined;
  const lower = cell.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : cell;
}

function list(cell: string | undefined): string[] | undefined {
  if (cell === undefined || cell === '') return undefined;
  return cell.split('|').map((item) => item.trim()).filter(Boolean);
}

function text(cell: string | undefined): string | undefined {
  return cell === undefined || cell === '' ? undefined : cell;
}

/** Where a product field came from, so an error can name the CSV column. */
const COLUMN_FOR_PATH: Record<string, string> = {
  'restrictions.minimumAge': 'minimumAge',
  'restrictions.notSoldByVoice': 'notSoldByVoice',
  'restrictions.reason': 'restrictionReason',
  'giftAges.min': 'giftAgeMin',
  'giftAges.max': 'giftAgeMax',
};

function productFromRow(row: Row): Record<string, unknown> {
  const restrictions = { minimumAge: number(row.minimumAge), notSoldByVoice: boolean(row.notSoldByVoice), reason: text(row.restrictionReason) };
  const giftAges = { min: number(row.giftAgeMin), max: number(row.giftAgeMax) };
  const product: Record<string, unknown> = {
    sku: text(row.sku),
    name: text(row.name),
    category: text(row.category),
    description: text(row.description),
    synonyms: list(row.synonyms),
    priceMinor: number(row.priceMinor),
    currency: text(row.currency),
    stock: number(row.stock),
    restrictions: Object.values(restrictions).some((v) => v !== undefined) ? restrictions : undefined,
    rating: number(row.rating),
    reviewCount: number(row.reviewCount),
    reviewSummary: text(row.reviewSummary),
    imageUrl: text(row.imageUrl),
    giftAges: giftAges.min !== undefined || giftAges.max !== undefined ? giftAges : undefined,
    tags: list(row.tags),
    active: boolean(row.active),
  };
  return Object.fromEntries(Object.entries(product).filter(([, value]) => value !== undefined));
}

interface RowProblem {
  row: number;
  field: string;
  message: string;
}

function refuse(problems: RowProblem[]): never {
  const first = problems[0]!;
  throw new AppError('VALIDATION_FAILED', `Row ${first.row}, field ${first.field}: ${first.message}. Nothing was imported.`, problems.slice(0, 50));
}

/** Every row or none: the whole file is checked before anything is written. Row 1 is the header. */
export function productsFromCsv(csv: string): ImportedProduct[] {
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as typeof records;
  } catch (error) {
    throw new AppError('MALFORMED_BODY', `The CSV could not be read: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new AppError('VALIDATION_FAILED', 'The CSV has no product rows. Nothing was imported.');
  const unknown = Object.keys(records[0]!.record).filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', `Unknown column ${unknown[0]}. Nothing was imported.`, { unknownColumns: unknown, columns: CSV_COLUMNS });

  const problems: RowProblem[] = [];
  const products: ImportedProduct[] = [];
  for (const { record, info } of records) {
    const result = importedProduct.safeParse(productFromRow(record));
    if (result.success) products.push(result.data);
    else for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      problems.push({ row: info.lines, field: COLUMN_FOR_PATH[path] ?? path, message: issue.message });
    }
  }
  if (problems.length > 0) refuse(problems);
  refuseDuplicates(products, (index) => records[index]!.info.lines);
  return products;
}

export function refuseDuplicates(products: ImportedProduct[], rowOf: (index: number) => number): void {
  const seen = new Set<string>();
  products.forEach((product, index) => {
    if (seen.has(product.sku)) refuse([{ row: rowOf(index), field: 'sku', message: `${product.sku} appears more than once` }]);
    seen.add(product.sku);
  });
}

/** Writes products already validated as a whole; stock, when given, goes through the ledger. */
export async function importProducts(products: ImportedProduct[]): Promise<{ imported: number; skus: string[] }> {
  for (const { stock, ...product } of products) {
    await upsertProduct(product);
    if (stock !== undefined) await restockProduct(product.sku, stock);
  }
  invalidateCatalogIndex();
  return { imported: products.length, skus: products.map((product) => product.sku) };
}
