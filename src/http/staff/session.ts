import { createHmac, randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session, { Store, type SessionData } from 'express-session';
import { Types } from 'mongoose';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { sameSecret } from '../../core/secrets';
import { staffMember, type StaffMember, type StaffRole } from '../../services/staff';
import { staffSessions } from '../../store/staff-store';

declare module 'express-session' {
  interface SessionData {
    staffId: string;
    /** Sent back by the pages' scripts in `x-csrf-token` (forms: `_csrf`) on every state-changing request. */
    csrfToken: string;
  }
}

/** The cookie's name; `SameSite=Strict` and `HttpOnly`, `Secure` whenever the public URL is https. */
export const STAFF_COOKIE = 'staff_session';

/** express-session's store over the StaffSession collection; the sweeper deletes expired ones (no TTL index on FerretDB). */
class StaffSessionStore extends Store {
  constructor(private readonly lifetimeMs: number) {
    super();
  }

  private expiry(data: SessionData): Date {
    return data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + this.lifetimeMs);
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    staffSessions.get(sid).then((data) => callback(null, data as SessionData | null), callback);
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    staffSessions.set(sid, JSON.parse(JSON.stringify(data)) as Record<string, unknown>, this.expiry(data)).then(() => callback?.(), callback);
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    staffSessions.touch(sid, this.expiry(data)).then(() => callback?.(), () => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    staffSessions.destroy(sid).then(() => callback?.(), callback);
  }
}

/**
 * The staff sign-in session, for every router that staff use (the agent inbox, the dashboard): mount it
 * before `requireStaff`. Without STAFF_SESSION_SECRET (production, unset) nobody has a session.
 */
export function staffSession(config: Config): RequestHandler {
  const secret = config.STAFF_SESSION_SECRET;
  if (!secret) return (_req, _res, next) => next();
  const lifetimeMs = config.STAFF_SESSION_HOURS * 60 * 60_000;
  return session({
    name: STAFF_COOKIE,
    secret,
    store: new StaffSessionStore(lifetimeMs),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'strict', secure: config.PUBLIC_BASE_URL.startsWith('https:'), maxAge: lifetimeMs, path: '/' },
  });
}

/** Starts a signed-in session for this staff member: a new session id (no fixation) and a new CSRF token. */
export function beginStaffSession(req: Request, staff: StaffMember): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error as Error);
      req.session.staffId = staff.id.toHexString();
      req.session.csrfToken = randomBytes(32).toString('base64url');
      req.session.save((saveError) => (saveError ? reject(saveError as Error) : resolve()));
    });
  });
}

export function endStaffSession(req: Request): Promise<void> {
  return new Promise((resolve) => (req.session ? req.session.destroy(() => resolve()) : resolve()));
}

/** The signed-in staff member, set by `requireStaff`. */
export function signedInStaff(res: Response): StaffMember {
  return res.locals.staff as StaffMember;
}

export function csrfTokenOf(req: Request): string {
  return req.session.csrfToken ?? '';
}

/**
 * Whether the request says it comes from a page of this very origin. Browsers send Origin on every
 * POST (and Referer mostly); a state-changing request that names neither is treated as cross-site.
 */
export function sameOrigin(req: Request): boolean {
  const claimed = req.get('origin') ?? req.get('referer');
  if (!claimed) return false;
  try {
    return new URL(claimed).host === req.get('host');
  } catch {
    return false;
  }
}

/** The pre-session CSRF cookie of the sign-in page: `<token>.<HMAC of the token>`, so only this server can have set it. */
export const SIGN_IN_COOKIE = 'staff_sign_in';
const SIGN_IN_TOKEN_LIFETIME_S = 2 * 60 * 60;

function signInTokenMac(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`staff-sign-in:${token}`).digest('base64url');
}

/**
 * Login CSRF: another site could sign a browser in to an account it controls. The sign-in page sets a
 * signed cookie and puts the same token in its form (double submit); another site can neither read
 * the token nor set the cookie. Returns the token for the form.
 */
export function issueSignInToken(res: Response, config: Config): string {
  const token = randomBytes(32).toString('base64url');
  if (config.STAFF_SESSION_SECRET) {
    const secure = config.PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
    res.append('set-cookie', `${SIGN_IN_COOKIE}=${token}.${signInTokenMac(config.STAFF_SESSION_SECRET, token)}; Path=/staff; Max-Age=${SIGN_IN_TOKEN_LIFETIME_S}; HttpOnly; SameSite=Strict${secure}`);
  }
  return token;
}

/** Whether the sign-in form sent back the token of the signed cookie its page set. */
export function signInTokenMatches(req: Request, config: Config, sent: string | undefined): boolean {
  const secret = config.STAFF_SESSION_SECRET;
  const cookie = (req.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SIGN_IN_COOKIE}=`));
  const [token, mac] = (cookie?.slice(SIGN_IN_COOKIE.length + 1) ?? '').split('.');
  if (!secret || !sent || !token || !mac) return false;
  return sameSecret(mac, signInTokenMac(secret, token)) && sameSecret(sent, token);
}

/** Refuses a state-changing request from another site: the Origin must be ours, and the session's CSRF token must come back. */
export function requireSameSite(req: Request): void {
  if (req.method === 'GET' || req.method === 'HEAD') return;
  if (!sameOrigin(req)) throw new AppError('FORBIDDEN', 'This request came from another site.');
  const sent = req.get('x-csrf-token') ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
  const expected = req.session?.csrfToken;
  if (typeof sent !== 'string' || !expected || !sameSecret(sent, expected)) throw new AppError('FORBIDDEN', 'The CSRF token is missing or wrong.');
}

/**
 * Only signed-in staff of one of `roles` (all roles when omitted), and only same-site state changes.
 * Without a session a page (`redirect`) sends the browser to the sign-in page, anything else answers 401.
 */
export function requireStaff(options: { roles?: readonly StaffRole[]; redirect?: boolean } = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const id = req.session?.staffId;
      const staff = id && Types.ObjectId.isValid(id) ? await staffMember(new Types.ObjectId(id)) : null;
      if (!staff) {
        if (options.redirect && req.method === 'GET') return res.redirect(303, `/staff/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
        throw new AppError('UNAUTHENTICATED', 'Sign in first.');
      }
      if (options.roles && !options.roles.includes(staff.role)) throw new AppError('FORBIDDEN', 'Your role may not use this.');
      requireSameSite(req);
      res.locals.staff = staff;
      next();
    })().catch(next);
  };
}
