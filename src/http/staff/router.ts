import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { MAX_PASSWORD_LENGTH, normalisedEmail, verifyStaffPassword } from '../../services/staff';
import { takeRateSlot } from '../../store/rate-store';
import { beginStaffSession, csrfTokenOf, endStaffSession, issueSignInToken, requireStaff, sameOrigin, signedInStaff, signInTokenMatches, staffSession } from './session';
import { signInPage } from './page';

const SIGN_IN_WINDOW_MS = 15 * 60_000;

const signInForm = z
  .object({
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    next: z.string().max(512).optional(),
    _csrf: z.string().max(100).optional(),
  })
  .strict();

/** Only a path of this site: never another origin (`//evil.example`, `https://...`) after signing in. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : '/agent';
}

/** Each attempt counts against the e-mail and against the source address, so neither guessing one password nor trying many accounts goes far. */
async function allowAttempt(config: Config, email: string, address: string, now: Date): Promise<boolean> {
  const limit = config.STAFF_SIGN_IN_ATTEMPTS;
  const [byEmail, byAddress] = await Promise.all([
    takeRateSlot(`staff-sign-in:email:${email}`, limit, SIGN_IN_WINDOW_MS, now),
    takeRateSlot(`staff-sign-in:address:${address}`, limit * 4, SIGN_IN_WINDOW_MS, now),
  ]);
  return byEmail && byAddress;
}

/** The sign-in page with a pre-session CSRF token (see `issueSignInToken`): a fresh one, or the one the form just proved it holds. */
function sendSignInPage(res: Response, config: Config, status: number, page: { next: string; error?: string }, csrfToken = issueSignInToken(res, config)): void {
  res.status(status).type('html').set('cache-control', 'no-store').send(signInPage({ ...page, csrfToken }));
}

/** `/staff`: the sign-in page and sign-out that the agent inbox and the dashboard share. */
export function staffRouter(config: Config): Router {
  const router = Router();
  router.use(staffSession(config));
  router.use(express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }));

  router.get('/sign-in', (req: Request, res: Response) => {
    const next = typeof req.query.next === 'string' ? safeNext(req.query.next) : '/agent';
    sendSignInPage(res, config, 200, { next });
  });

  router.post('/sign-in', async (req: Request, res: Response) => {
    const parsed = signInForm.safeParse(req.body ?? {});
    if (!parsed.success) return sendSignInPage(res, config, 400, { next: '/agent', error: 'Enter your e-mail address and password.' });
    if (!sameOrigin(req)) throw new AppError('FORBIDDEN', 'This request came from another site.');
    const email = normalisedEmail(parsed.data.email);
    const next = safeNext(parsed.data.next);
    if (!config.STAFF_SESSION_SECRET) throw new AppError('FORBIDDEN', 'Staff sign-in is off: STAFF_SESSION_SECRET is not set.');
    // Before anything is counted or written: a form not from our own sign-in page is refused.
    if (!signInTokenMatches(req, config, parsed.data._csrf)) return sendSignInPage(res, config, 403, { next, error: 'This sign-in form has expired. Please sign in again.' });
    if (!(await allowAttempt(config, email, req.ip ?? 'unknown', new Date()))) {
      return sendSignInPage(res.set('retry-after', String(SIGN_IN_WINDOW_MS / 1000)), config, 429, { next, error: 'Too many sign-in attempts. Please wait a few minutes and try again.' }, parsed.data._csrf);
    }
    const staff = await verifyStaffPassword(email, parsed.data.password);
    if (!staff) return sendSignInPage(res, config, 401, { next, error: 'That e-mail address and password do not match.' }, parsed.data._csrf);
    await beginStaffSession(req, staff);
    res.redirect(303, next);
  });

  // Who is signed in, and the CSRF token a page's script sends back (a page of another site cannot read it).
  router.get('/me', requireStaff(), (req: Request, res: Response) => {
    const staff = signedInStaff(res);
    res.set('cache-control', 'no-store').json({ id: staff.id.toHexString(), name: staff.name, email: staff.email, role: staff.role, csrfToken: csrfTokenOf(req) });
  });

  router.post('/sign-out', requireStaff(), async (req: Request, res: Response) => {
    await endStaffSession(req);
    res.redirect(303, '/staff/sign-in');
  });
  return router;
}

