import express, { Router, type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { Config } from '../../config';
import { ERROR_CATALOG, type ErrorCode } from '../../core/errors';
import { MESSAGE_LOCALES, messagesFor, supportedLocale } from '../../conversation/locales';
import type { Logger } from '../../logger';
import { signInWithLinkCode, type LinkCodeRefusal } from '../../services/customers';
import { takeRateSlot } from '../../store/rate-store';
import type { CommerceSettings } from '../../services/settings';
import { ALEXA_SCOPE, createOAuthProvider, oauthIssuer, SHOP_SCOPE } from './provider';
import { renderExpiredPage, renderSignInPage } from './sign-in-page';

const signInForm = z.object({ code: z.string().max(40) }).strict();

const REFUSALS: Record<LinkCodeRefusal, ErrorCode | null> = { malformed: null, wrong: 'LINK_CODE_WRONG', locked: 'LINK_CODE_LOCKED', expired: 'LINK_CODE_EXPIRED', used: 'LINK_CODE_USED', throttled: 'LINK_CODE_THROTTLED' };

/** Open client registrations one address may make per hour (each is a stored client). */
export const CLIENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;

/** Where the router is mounted: the issuer URL's path (/oauth by default), so the library's URLs and ours agree. */
export function oauthMountPath(config: Config): string {
  return new URL(oauthIssuer(config)).pathname.replace(/\/+$/, '') || '/';
}

export interface OAuthRouterDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
  provider?: Provider;
  /** The clock the registration allowance counts hours by (tests pin it). */
  now?: () => Date;
}

/**
 * /oauth: Alexa account linking. oidc-provider serves the authorization endpoint (/oauth/auth), the
 * token endpoint (/oauth/token) and the rest of the protocol; this router adds the sign-in step the
 * library hands over to us, where a link code from chat proves which customer is signing in.
 * Not mounted without ALEXA_OAUTH_CLIENT_SECRET.
 */
export function oauthRouter({ config, settings, log, provider = createOAuthProvider(config), now = () => new Date() }: OAuthRouterDependencies): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });
  const basePath = oauthMountPath(config).replace(/^\/$/, '');
  const publicOrigin = new URL(oauthIssuer(config));

  // The library builds its URLs (discovery endpoints, redirects) from the request's host and forwarded
  // headers, which any caller can write: it sees the configured public origin instead, so a spoofed
  // Host or X-Forwarded-Host can never put another site into the metadata or a redirect.
  router.use((req, _res, next) => {
    req.headers.host = publicOrigin.host;
    req.headers['x-forwarded-proto'] = publicOrigin.protocol.replace(/:$/, '');
    delete req.headers['x-forwarded-host'];
    next();
  });

  // The page is in the browser's language when we have it (Accept-Language), else en-US.
  const localeOf = (req: Request): string => supportedLocale(req.acceptsLanguages(...Object.keys(MESSAGE_LOCALES)) || 'en-US');
  const page = (req: Request, res: Response, uid: string, status: number, error?: string) =>
    res
      .status(status)
      .type('html')
      .set('cache-control', 'no-store')
      .send(renderSignInPage({ sellerName: settings.sellerName, locale: localeOf(req), action: `${basePath}/interaction/${uid}/login`, cancelAction: `${basePath}/interaction/${uid}/abort`, error }));

  /** The interaction named in the path, bound to this browser by the library's cookie; null (and a 400 page) if not. */
  async function interaction(req: Request, res: Response) {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid === req.params.uid) return details;
    } catch (error) {
      log.info({ errorName: (error as Error).name }, 'account-linking sign-in without a valid interaction');
    }
    res.status(400).type('html').send(renderExpiredPage(localeOf(req)));
    return null;
  }

  router.get('/interaction/:uid', async (req, res) => {
    const details = await interaction(req, res);
    if (details) page(req, res, details.uid, 200);
  });

  router.post('/interaction/:uid/login', form, async (req, res) => {
    const details = await interaction(req, res);
    if (!details) return;
    const parsed = signInForm.safeParse(req.body);
    if (!parsed.success) return page(req, res, details.uid, 400, messagesFor(localeOf(req)).signIn.malformed);
    const outcome = await signInWithLinkCode(parsed.data.code, 'alexa', settings.linkCodePepper, new Date(), req.ip);
    if (!outcome.ok) {
      const code = REFUSALS[outcome.reason];
      const messages = messagesFor(localeOf(req));
      return page(req, res, details.uid, code ? ERROR_CATALOG[code].httpStatus : 400, code ? messages.errors[code] : messages.signIn.malformed);
    }
    const accountId = outcome.customerId.toHexString();
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    const scope = typeof details.params.scope === 'string' && details.params.scope !== '' ? details.params.scope : ALEXA_SCOPE;
    grant.addOIDCScope(scope);
    // An assistant asked for a token bound to one of our resources (RFC 8707): the grant covers it, so
    // the token names it as its audience and no other resource accepts it.
    for (const resource of [details.params.resource].flat()) if (typeof resource === 'string') grant.addResourceScope(resource, SHOP_SCOPE);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId, remember: false }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });

  router.post('/interaction/:uid/abort', form, async (req, res) => {
    if (!(await interaction(req, res))) return;
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The customer cancelled account linking.' }, { mergeWithLastSubmission: false });
  });

  // Registration is open (MCP clients register themselves) and each one is a stored record: an address
  // gets a few an hour, enough for every assistant its owner sets up, too few to fill the database.
  router.post('/reg', async (req, res, next) => {
    if (await takeRateSlot(`oauth-registration|${req.ip ?? 'unknown'}`, CLIENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR, HOUR_MS, now())) return next();
    res.status(429).json({ error: 'temporarily_unavailable', error_description: 'Too many client registrations from this address this hour.' });
  });

  router.use(provider.callback());
  return router;
}
