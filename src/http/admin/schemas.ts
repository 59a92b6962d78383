import { z } from 'zod';

export const skuParam = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'a sku is 1-40 uppercase letters, digits and dashes');

const wholeMinorUnits = z.number().int('a whole number of minor units').min(0);

export const productBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    category: z.string().trim().min(1).max(60),
    description: z.string().max(1000).default(''),
    synonyms: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    priceMinor: wholeMinorUnits,
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    stock: z.number().int().min(0).optional(),
    restrictions: z
      .object({ minimumAge: z.number().int().min(0).max(120).optional(), notSoldByVoice: z.boolean().optional(), reason: z.string().max(200).optional() })
      .strict()
      .optional(),
    rating: z.number().min(0).max(5).optional(),
    reviewCount: z.number().int().min(0).optional(),
    reviewSummary: z.string().max(500).optional(),
    imageUrl: z.url().optional(),
    giftAges: z.object({ min: z.number().int().min(0), max: z.number().int().max(120) }).strict().optional(),
    tags: z.array(z.string().min(1).max(40)).max(20).default([]),
    active: z.boolean().default(true),
  })
  .strict();
