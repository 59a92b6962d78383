import assert from 'node:assert/strict';
import { CatalogIndex, normalizeText, parseQuantity, type MatchableProduct, type MatchResult } from '../../src/core/matching';
import { DEMO_PRODUCTS } from '../../src/demo/catalog';
import { MATCHING_CASES, type MatchingCase } from './matching-cases';

function show(result: MatchResult): string {
  switch (result.kind) {
    case 'match':
      return `match ${result.sku} (quantity ${result.quantity}, confidence ${result.confidence})`;
    case 'ambiguous':
      return `ambiguous ${result.candidates.map((c) => c.sku).join('/')}`;
    case 'suggestion':
      return `suggestion ${result.candidate.sku}`;
    case 'not-found':
      return 'not-found';
  }
}

function line(testCase: MatchingCase, result: MatchResult): string {
  return `  [${testCase.kind}] ${JSON.stringify(testCase.said)} expected ${JSON.stringify(testCase.expect)}, got ${show(result)}`;
}

describe('catalog matching', () => {
  let index: CatalogIndex;
  let results: Array<{ testCase: MatchingCase; result: MatchResult }>;

  before(() => {
    index = new CatalogIndex(DEMO_PRODUCTS);
    results = MATCHING_CASES.map((testCase) => ({ testCase, result: index.match(testCase.said) }));
  });

  it('is checked against a table of at least 150 shopper utterances', () => {
    assert.ok(MATCHING_CASES.length >= 150, `only ${MATCHING_CASES.length} cases`);
    assert.equal(index.size, DEMO_PRODUCTS.length);
  });

  it('resolves at least 95% of the utterances that name a product to that product and quantity', () => {
    const named = results.filter(({ testCase }) => typeof testCase.expect === 'object');
    const misses = named.filter(({ testCase, result }) => {
      const expect = testCase.expect as { sku: string; quantity?: number };
      return !(result.kind === 'match' && result.sku === expect.sku && (expect.quantity === undefined || result.quantity === expect.quantity));
    });
    const rate = (named.length - misses.length) / named.length;
    assert.ok(rate >= 0.95, `${(rate * 100).toFixed(1)}% resolved; misses:\n${misses.map(({ testCase, result }) => line(testCase, result)).join('\n')}`);
  });

  it('never matches a product the shopper did not mean: it asks back or says not found instead', () => {
    const wrong = results.filter(({ testCase, result }) => {
      if (result.kind !== 'match') return false;
      return typeof testCase.expect === 'object' ? result.sku !== testCase.expect.sku : true;
    });
    assert.deepEqual(wrong.map(({ testCase, result }) => line(testCase, result)), []);
  });

  it('asks back with the close candidates, best first, when a word is shared', () => {
    const batteries = index.match('batteries');
    assert.equal(batteries.kind, 'ambiguous');
    assert.deepEqual(batteries.candidates.map((c) => c.sku).sort(), ['ELE-001', 'ELE-002']);
    const coffee = index.match('two bags of coffee');
    assert.equal(coffee.kind, 'ambiguous');
    assert.equal(coffee.quantity, 2);
    assert.ok(coffee.candidates.length <= 3);
    for (let i = 1; i < coffee.candidates.length; i++) assert.ok(coffee.candidates[i - 1]!.confidence >= coffee.candidates[i]!.confidence);
    assert.deepEqual(index.match('vodka'), { kind: 'not-found', quantity: null });
  });

  it('parses quantities, packaging and fillers', () => {
    const cases: Array<[string, number | null, string | null, string]> = [
      ['two bags of coffee', 2, 'bag', 'coffee'],
      ['a dozen aa batteries', 12, null, 'aa batteries'],
      ['half a dozen eggs', 6, null, 'eggs'],
      ['a couple of granola bars', 2, null, 'granola bars'],
      ['2 x dish soap', 2, null, 'dish soap'],
      ['3x hand sanitizer', 3, null, 'hand sanitizer'],
      ['orange juice x4', 4, null, 'orange juice'],
      ['twenty one paper towels', 21, null, 'paper towels'],
      ['some trail mix', null, null, 'trail mix'],
      ['a jar of honey', 1, 'jar', 'honey'],
      ['an espresso machine', 1, null, 'espresso machine'],
      ['one green tea', 1, null, 'green tea'],
      ['two bars of dark chocolate', 2, 'bar', 'dark chocolate'],
      ['two granola bars', 2, null, 'granola bars'],
      ['can I get five bottles of maple syrup please', 5, 'bottle', 'maple syrup'],
      ["I'd like to order the earl grey tea", null, null, 'earl grey tea'],
      ['add two green teas to my cart', 2, null, 'green teas'],
      ['um uh get me a bottle of dish soap', 1, 'bottle', 'dish soap'],
      ['nine packs of triple a batteries', 9, 'pack', 'aaa batteries'],
    ];
    for (const [said, quantity, unit, productText] of cases) {
      assert.deepEqual(parseQuantity(said), { quantity, unit, productText }, said);
    }
  });

  it('normalises case, accents, punctuation and spacing but keeps number words', () => {
    assert.equal(normalizeText('  Colómbian   CAFÉ!! '), 'colombian cafe');
    assert.equal(normalizeText('Earl-Grey tea.'), 'earl grey tea');
    assert.equal(normalizeText("Kids' Tablet"), 'kids tablet');
    assert.equal(normalizeText('Crème Brûlée, naïve Straße'), 'creme brulee naive strasse');
    assert.equal(normalizeText('USB-C charger (2 pack)'), 'usb c charger 2 pack');
    assert.equal(normalizeText('two dozen'), 'two dozen');
    assert.equal(normalizeText(''), '');
  });

  it('is rebuilt per catalog version: a renamed product is found by its new name, not its old one', () => {
    const renamed: MatchableProduct[] = DEMO_PRODUCTS.map((p) => (p.sku === 'SNK-004' ? { ...p, name: 'Hiking Snack Blend', synonyms: ['hiking blend'] } : p));
    const before = new CatalogIndex(DEMO_PRODUCTS);
    const after = new CatalogIndex(renamed);
    assert.equal(before.match('trail mix').kind, 'match');
    assert.deepEqual(after.match('hiking snack blend'), { kind: 'match', sku: 'SNK-004', name: 'Hiking Snack Blend', confidence: 1, quantity: null });
    assert.equal(after.match('trail mix').kind, 'not-found');
    assert.ok(!after.search('trail mix').some((c) => c.sku === 'SNK-004'));
  });

  it('searches for browsing: the coffees come first for "coffee"', () => {
    const found = index.search('coffee');
    assert.deepEqual(found.slice(0, 3).map((c) => c.sku).sort(), ['COF-001', 'COF-002', 'COF-003']);
    const machine = found.findIndex((c) => c.sku === 'COF-004');
    assert.ok(machine === -1 || machine >= 3, 'the espresso machine ranks after the coffees');
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.confidence >= found[i]!.confidence);
    assert.equal(index.search('coffee', 2).length, 2);
    assert.deepEqual(index.search('zzzz'), []);
  });
});
