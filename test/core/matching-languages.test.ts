import assert from 'node:assert/strict';
import { productMatcher, type MatchResult } from '../../src/core/matching';
import { DEMO_PRODUCTS } from '../../src/demo/catalog';
import { CHINESE_CASES, ITALIAN_CASES, POLISH_CASES, PORTUGUESE_CASES, ROMANIAN_CASES, type LanguageCase } from './matching-cases-languages';

/** Issue 21: per language, at least 100 utterances, at least 95 % of the named ones exact, and never a wrong product. */

const TABLES: [string, LanguageCase[]][] = [
  ['pt-BR', PORTUGUESE_CASES],
  ['it-IT', ITALIAN_CASES],
  ['zh-CN', CHINESE_CASES],
  ['pl-PL', POLISH_CASES],
  ['ro-RO', ROMANIAN_CASES],
];

function show(result: MatchResult): string {
  if (result.kind === 'match') return `match ${result.sku} x${result.quantity}`;
  if (result.kind === 'ambiguous') return `ambiguous ${result.candidates.map((c) => c.sku).join('/')}`;
  if (result.kind === 'suggestion') return `suggestion ${result.candidate.sku}`;
  return 'not-found';
}

describe('catalog matching in the other languages', () => {
  for (const [locale, cases] of TABLES) {
    describe(locale, () => {
      const matcher = productMatcher(DEMO_PRODUCTS, locale);
      const results = cases.map(([said, expect, quantity]) => ({ said, expect, quantity, result: matcher.match(said) }));
      const line = ({ said, expect, quantity, result }: (typeof results)[number]) => `  ${JSON.stringify(said)} expected ${expect}${quantity ? ` x${quantity}` : ''}, got ${show(result)}`;

      it('is checked against at least 100 utterances, with some to ask back and some not in the catalog', () => {
        assert.ok(cases.length >= 100, `only ${cases.length}`);
        assert.ok(cases.filter(([, expect]) => expect === 'ask').length >= 4);
        assert.ok(cases.filter(([, expect]) => expect === 'not-found').length >= 3);
      });

      it('resolves at least 95 % of the utterances that name a product to that product and quantity', () => {
        const named = results.filter(({ expect }) => expect !== 'ask' && expect !== 'not-found');
        const misses = named.filter(({ expect, quantity, result }) => !(result.kind === 'match' && result.sku === expect && (quantity === undefined || result.quantity === quantity)));
        const rate = (named.length - misses.length) / named.length;
        assert.ok(rate >= 0.95, `${(rate * 100).toFixed(1)} % resolved; misses:\n${misses.map(line).join('\n')}`);
      });

      it('never matches a product the shopper did not mean: it asks back or says not found instead', () => {
        const wrong = results.filter(({ expect, result }) => result.kind === 'match' && result.sku !== expect);
        assert.deepEqual(wrong.map(line), []);
      });
    });
  }

  it('shows the name in the shopper language, with its diacritics, whatever was typed', () => {
    const polish = productMatcher(DEMO_PRODUCTS, 'pl-PL').match('dwie paczki kawy kolumbijskiej');
    assert.deepEqual(polish, { kind: 'match', sku: 'COF-001', name: 'Kawa Kolumbijska', confidence: (polish as { confidence: number }).confidence, quantity: 2 });
    const portuguese = productMatcher(DEMO_PRODUCTS, 'pt-BR').match('cafe');
    assert.equal(portuguese.kind, 'ambiguous');
    assert.ok(portuguese.kind === 'ambiguous' && portuguese.candidates.every((candidate) => candidate.name.startsWith('Café') || candidate.name.startsWith('Máquina')));
    assert.equal(productMatcher(DEMO_PRODUCTS, 'en-US').match('colombian coffee').kind, 'match');
  });
});
