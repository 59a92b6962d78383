import { insightTotals, countInsight } from '../../store/insight-store';

/** What happened to a product search: nothing matched, or the shopper was asked which one they meant. */
export type SearchOutcome = 'unmatched' | 'asked-back';

const MAX_TERM = 60;

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Counts a search that matched nothing or was asked back, under its day and its words (lowercase,
 * spaces folded, bounded): what customers want that the catalog lacks or names differently.
 */
export async function recordSearchOutcome(said: string, outcome: SearchOutcome, now: Date): Promise<void> {
  const term = said.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_TERM);
  if (!term) return;
  await countInsight(utcDay(now), `search:${outcome}`, term);
}

/** Days from `from` to `to` inclusive (at most 92), as `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`) && days.length < 92; at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** The most frequent search terms with that outcome over the days, most frequent first. */
export async function topSearches(outcome: SearchOutcome, from: string, to: string, limit = 50): Promise<{ term: string; count: number }[]> {
  const totals = await insightTotals(`search:${outcome}`, daysBetween(from, to));
  return [...totals]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, limit);
}
