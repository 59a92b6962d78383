import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { followShortLink, optOutByLink } from '../../services/campaigns';
import { escapeHtml } from '../html';

/** A short link's code: 9 random bytes in base64url. Anything else is not one of ours, without a look-up. */
const codeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{12}$/) }).strict();

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type('html')
    .set('cache-control', 'no-store')
    .send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{padding:.6rem 1.4rem;font:inherit}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body>
</html>`);
}

function codeOf(params: unknown): string {
  const parsed = codeParams.safeParse(params);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such link.');
  return parsed.data.code;
}

/**
 * `/l/:code`: a campaign's short link, 302 to its target with UTM parameters, each click recorded.
 * `/l/:code/stop`: the one-tap opt-out. Opening it shows one button; the opt-out is recorded by its
 * POST, so a link preview or a mail scanner fetching the page opts nobody out.
 */
export function linksRouter(config: Config): Router {
  const router = Router();
  const source = config.SELLER_NAME.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'shop';

  router.get('/:code', async (req, res) => {
    const target = await followShortLink(codeOf(req.params), new Date(), source);
    if (!target) throw new AppError('NOT_FOUND', 'No such link.');
    res.set('cache-control', 'no-store').redirect(302, target);
  });

  router.get('/:code/stop', (req, res) => {
    const code = codeOf(req.params);
    page(res, 200, 'Stop offers', `<p>Tap below and ${escapeHtml(config.SELLER_NAME)} will send you no more offers. Order updates still reach you.</p><form method="post" action="/l/${code}/stop"><button type="submit">Stop offers</button></form>`);
  });

  router.post('/:code/stop', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    if (!(await optOutByLink(codeOf(req.params), new Date()))) throw new AppError('NOT_FOUND', 'No such link.');
    page(res, 200, 'You will get no more offers', `<p>Done: ${escapeHtml(config.SELLER_NAME)} will send you no more marketing messages. You can opt in again at any time.</p>`);
  });

  return router;
}
