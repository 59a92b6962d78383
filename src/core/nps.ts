/**
 * Net Promoter Score, pure: "0 to 10, how likely are you to recommend us?". Promoters answer 9 or 10,
 * passives 7 or 8, detractors 0 to 6 (Bain's definition); a detractor is asked what could be better.
 */

export const NPS_MIN = 0;
export const NPS_MAX = 10;

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export function npsGroupOf(score: number): NpsGroup {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** A detractor's "what could we have done better?" answer is kept to this many characters. */
export const NPS_COMMENT_MAX = 500;
