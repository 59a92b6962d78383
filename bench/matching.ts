import { CatalogIndex, normalizeText } from '../src/core/matching';
import { syntheticCatalog, syntheticQueries } from './support/catalog';
import { round, summarize, timeSync, type LatencySummary } from './support/stats';

export interface MatchingSizeResult {
  products: number;
  buildMs: number;
  matcher: LatencySummary;
  /** Exact-name Map lookup over the same queries: the floor any matcher is compared with. */
  baseline: LatencySummary;
  /** Share of queries the matcher resolved to one product (sanity: the work was real). */
  matchedShare: number;
}

export interface MatchingResult {
  sizes: MatchingSizeResult[];
  /** Resident set size of the process with the largest index built and in use. */
  rssMiB: number;
  /** RSS added by building the largest catalog and its index. */
  rssDeltaMiB: number;
  queriesPerSize: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function runMatchingBenchmark(sizes: readonly number[], queriesPerSize: number): MatchingResult {
  const results: MatchingSizeResult[] = [];
  let rssMiB = 0;
  let rssDeltaMiB = 0;
  for (const size of sizes) {
    gc();
    const rssBefore = process.memoryUsage().rss;
    const catalog = syntheticCatalog(size);
    let index: CatalogIndex | undefined;
    const buildMs = timeSync(() => {
      index = new CatalogIndex(catalog);
    });
    const byName = new Map(catalog.map((product) => [normalizeText(product.name), product.sku]));
    const queries = syntheticQueries(catalog, queriesPerSize);
    // Warm-up: JIT and caches, not measured.
    for (const query of queries.slice(0, Math.min(200, queries.length))) index!.match(query);

    let matched = 0;
    const matcherSamples = queries.map((query) =>
      timeSync(() => {
        if (index!.match(query).kind === 'match') matched++;
      }),
    );
    const baselineSamples = queries.map((query) => timeSync(() => byName.get(normalizeText(query))));
    results.push({ products: size, buildMs: round(buildMs, 1), matcher: summarize(matcherSamples), baseline: summarize(baselineSamples), matchedShare: round(matched / queries.length, 3) });
    if (size === Math.max(...sizes)) {
      gc();
      const rss = process.memoryUsage().rss;
      rssMiB = round(rss / 1024 ** 2, 1);
      rssDeltaMiB = round((rss - rssBefore) / 1024 ** 2, 1);
    }
    // Keep the index alive until RSS is read.
    if (index!.size !== size) throw new Error('index size mismatch');
  }
  return { sizes: results, rssMiB, rssDeltaMiB, queriesPerSize };
}
