import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { followShortLink, isRecipientLink, optOutByLink } from '../../services/campaigns';
import { escapeHtml, htmlDocument } from '../html';

/** A short link's code: 9 random bytes in base64url. Anything else is not one of ours, without a look-up. */
const codeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{12}$/) }).strict();

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type('html')
    .set('cache-control', 'no-store')
    .send(
      htmlDocument({
        lang: 'en',
        title,
        head: '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{padding:.6rem 1.4rem;font:inherit}</style>',
        body: `<main><h1>${escapeHtml(title)}</h1>${body}</main>`,
      }),
    );
}

function codeOf(params: unknown): string {
  const parsed = codeParams.safeParse(params);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such link.');
  return parsed.data.code;
}

/**
 * Link-preview fetchers: messaging apps, social sites and search engines that open a link to draw its
 * preview, not because the person tapped it. UNCONFIRMED and to be maintained: the user-agent names
 * each one sends (from their own documentation and common logs at the time of writing; new ones appear).
 */
const LINK_PREVIEW_AGENTS = /facebookexternalhit|facebot|whatsapp|twitterbot|slackbot|slack-imgproxy|telegrambot|discordbot|linkedinbot|googlebot|bingbot|skypeuripreview|applebot|redditbot|embedly|iframely/i;

/** A fetch that only looks: a HEAD request, or a known link-preview agent (the header bounded before the pattern runs). */
function isPreviewFetch(req: Request): boolean {
  return req.method === 'HEAD' || LINK_PREVIEW_AGENTS.test((req.get('user-agent') ?? '').slice(0, 512));
}

/**
 * A person opening the page in a browser: the fetch metadata browsers send for a top-level navigation
 * (`Sec-Fetch-Mode: navigate`, `Sec-Fetch-Dest: document`), which scanners and preview fetchers do not
 * send, and no known preview agent. Anything else is shown the button, so an unknown scanner opting
 * someone out costs a tap, never a lost subscriber. UNCONFIRMED: that every phone browser a link in a
 * text opens sends these headers (current Chrome, Safari and Firefox do); one that does not gets the button.
 */
function isPersonOpening(req: Request): boolean {
  return req.get('sec-fetch-mode') === 'navigate' && req.get('sec-fetch-dest') === 'document' && !isPreviewFetch(req);
}

/**
 * `/l/:code`: a campaign's short link, 302 to its target with UTM parameters, each click recorded (a
 * link preview's fetch is redirected too, but is no click).
 * `/l/:code/stop`: the one-tap opt-out of marketing SMS. A person opening it in a browser records the
 * opt-out (once) and sees it confirmed; a link preview, a scanner or anything that is not a browser's
 * navigation gets the page with its button and records nothing; the button POSTs, which also records.
 * `/l/:code/unsubscribe`: a campaign e-mail's `List-Unsubscribe` address (RFC 8058). A POST records the
 * opt-out (the mail client's one-click `List-Unsubscribe=One-Click`, or the page's button), without a
 * cookie or a CSRF token: the unguessable code is the only credential and the opt-out the only change.
 * A GET only shows the page with its button, as mail scanners open every link in a message.
 */
export function linksRouter(config: Config): Router {
  const router = Router();
  const source = config.SELLER_NAME.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'shop';
  const seller = escapeHtml(config.SELLER_NAME);
  const formBody = express.urlencoded({ extended: false, limit: '1kb' });

  const askPage = async (res: Response, code: string, action: 'stop' | 'unsubscribe') => {
    if (!(await isRecipientLink(code))) throw new AppError('NOT_FOUND', 'No such link.');
    page(res, 200, 'Stop offers', `<p>Tap below and ${seller} will send you no more offers. Order updates still reach you.</p><form method="post" action="/l/${code}/${action}"><button type="submit">Stop offers</button></form>`);
  };

  async function optOut(res: Response, code: string): Promise<void> {
    if (!(await optOutByLink(code, new Date()))) throw new AppError('NOT_FOUND', 'No such link.');
    page(res, 200, 'You will get no more offers', `<p>Done: ${seller} will send you no more marketing messages. You can opt in again at any time.</p>`);
  }

  router.get('/:code', async (req, res) => {
    // A preview is no click: counting it would inflate clicks and credit orders to a campaign nobody tapped.
    const target = await followShortLink(codeOf(req.params), new Date(), source, { recordClick: !isPreviewFetch(req) });
    if (!target) throw new AppError('NOT_FOUND', 'No such link.');
    res.set('cache-control', 'no-store').redirect(302, target);
  });

  router.get('/:code/stop', async (req, res) => {
    const code = codeOf(req.params);
    if (isPersonOpening(req)) await optOut(res, code);
    else await askPage(res, code, 'stop');
  });
  router.post('/:code/stop', formBody, async (req, res) => optOut(res, codeOf(req.params)));

  router.get('/:code/unsubscribe', (req, res) => askPage(res, codeOf(req.params), 'unsubscribe'));
  // Whatever the body says (RFC 8058's List-Unsubscribe=One-Click, the page's empty form): the code decides.
  router.post('/:code/unsubscribe', formBody, async (req, res) => optOut(res, codeOf(req.params)));

  return router;
}
