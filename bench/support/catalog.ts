import type { MatchableProduct } from '../../src/core/matching';
import { seededRandom } from '../../test/support/seeded-random';

// Word pools for synthetic product names: a brand, one or two descriptors, a flavour or variant and a
// product noun. The combinations repeat words across thousands of products, as a real grocery catalog
// does ("organic", "coffee", "chocolate"), so postings lists grow with the catalog.
const BRANDS = ['Acme', 'Blue Ridge', 'Corner', 'Daybreak', 'Evergreen', 'Fairfield', 'Golden Valley', 'Harbor', 'Iron Creek', 'Juniper', 'Kettle Hill', 'Lakeside', 'Maple Grove', 'Northwind', 'Oak Barrel', 'Pinecrest', 'Quail Run', 'Riverbend', 'Sunfield', 'Tidewater', 'Upland', 'Vista', 'Willow', 'Yellowstone', 'Zephyr'];
const DESCRIPTORS = ['organic', 'classic', 'premium', 'light', 'extra', 'family size', 'low sodium', 'sugar free', 'gluten free', 'whole grain', 'roasted', 'smoked', 'fresh', 'frozen', 'spicy', 'mild', 'sparkling', 'natural', 'dark', 'creamy', 'crunchy', 'unsalted', 'wild', 'aged', 'instant'];
const VARIANTS = ['vanilla', 'chocolate', 'strawberry', 'lemon', 'garlic', 'honey', 'cinnamon', 'peppermint', 'mango', 'coconut', 'almond', 'hazelnut', 'cherry', 'blueberry', 'ginger', 'sea salt', 'barbecue', 'jalapeno', 'cheddar', 'basil', 'raspberry', 'maple', 'caramel', 'peach', 'apple'];
const NOUNS = ['coffee', 'tea', 'cookies', 'crackers', 'chips', 'granola', 'yogurt', 'ice cream', 'soda', 'juice', 'sauce', 'soup', 'pasta', 'rice', 'cereal', 'bread', 'butter', 'cheese', 'jam', 'nuts', 'popcorn', 'pretzels', 'candy', 'water', 'oatmeal', 'muffins', 'bagels', 'salsa', 'hummus', 'dressing', 'mustard', 'ketchup', 'pickles', 'olives', 'tortillas', 'noodles', 'beans', 'lentils', 'flour', 'sugar'];
const SIZES = ['', '', '12 oz', '16 oz', '6 pack', '2 lb', '500 g', '1 liter'];
const CATEGORIES = ['pantry', 'snacks', 'beverages', 'dairy', 'frozen', 'bakery', 'breakfast', 'condiments'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** `size` distinct products, the same for the same size on every run. */
export function syntheticCatalog(size: number, seed = 20261123): MatchableProduct[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const products: MatchableProduct[] = [];
  let attempt = 0;
  while (products.length < size) {
    attempt++;
    const parts = [pick(random, BRANDS), pick(random, DESCRIPTORS), random() < 0.5 ? pick(random, DESCRIPTORS) : '', pick(random, VARIANTS), pick(random, NOUNS), pick(random, SIZES)];
    // Past the word pools' combinations, a line number keeps names distinct ("... Line 42").
    const name = parts.filter(Boolean).join(' ') + (attempt > size * 4 ? ` line ${attempt}` : '');
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const noun = parts[4]!;
    products.push({ sku: `SYN-${String(products.length).padStart(6, '0')}`, name, synonyms: random() < 0.3 ? [`${parts[3]} ${noun}`] : [], category: pick(random, CATEGORIES) });
  }
  return products;
}

/** Introduces one typo (a swapped pair of letters) into the longest word, as a shopper typing fast would. */
function withTypo(text: string, random: () => number): string {
  const wordsOf = text.split(' ');
  let longest = 0;
  wordsOf.forEach((word, i) => {
    if (word.length > wordsOf[longest]!.length) longest = i;
  });
  const word = wordsOf[longest]!;
  if (word.length < 5) return text;
  const at = 1 + Math.floor(random() * (word.length - 3));
  wordsOf[longest] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return wordsOf.join(' ');
}

/**
 * What shoppers say against a catalog: exact names, names with a quantity in front, partial names
 * (variant + noun, which many products share), typos, and words no product has. Deterministic.
 */
export function syntheticQueries(catalog: readonly MatchableProduct[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const product = catalog[Math.floor(random() * catalog.length)]!;
    const name = product.name.toLowerCase();
    const nameWords = name.split(' ');
    switch (i % 5) {
      case 0:
        queries.push(name);
        break;
      case 1:
        queries.push(`two ${name}`);
        break;
      case 2:
        queries.push(nameWords.slice(-3).join(' '));
        break;
      case 3:
        queries.push(withTypo(name, random));
        break;
      default:
        queries.push(`${pick(random, ['purple', 'titanium', 'velvet', 'quantum'])} ${pick(random, NOUNS)}`);
    }
  }
  return queries;
}
