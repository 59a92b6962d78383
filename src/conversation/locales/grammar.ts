/**
 * The grammar a bundle needs around numbers: which plural form a count takes in a language (CLDR rules
 * through Intl.PluralRules, so Polish "1 sztuka, 2 sztuki, 5 sztuk" and Romanian "19 bucăți, 20 de
 * bucăți" come from the same data the money and date formatting use).
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const RULES = new Map<string, Intl.PluralRules>();

export function pluralForm(locale: string, count: number, forms: PluralForms): string {
  let rules = RULES.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    RULES.set(locale, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}

/** "2 sztuki": the count followed by the noun form the count governs. */
export function counted(locale: string, count: number, forms: PluralForms): string {
  return `${count} ${pluralForm(locale, count, forms)}`;
}
