import request from 'supertest';
import type { Express } from 'express';
import { createStaffAccount, type StaffMember, type StaffRole } from '../../src/services/staff';

export const STAFF_PASSWORD = 'correct horse battery staple';

export interface SignedInStaff {
  staff: StaffMember;
  /** Carries the session cookie. */
  http: ReturnType<typeof request.agent>;
  csrfToken: string;
}

/** A client that, like a browser, names this site as the Origin of its requests and keeps cookies. */
export function browserAgent(app: Express): ReturnType<typeof request.agent> {
  // The server's port is chosen per request, so the site is named by its Host header instead.
  return request.agent(app).set('host', 'shop.test').set('origin', 'http://shop.test');
}

/** Opens the sign-in page (its pre-session cookie stays with `http`) and returns the CSRF token of its form. */
export async function signInFormToken(http: ReturnType<typeof request.agent>): Promise<string> {
  const page = await http.get('/staff/sign-in').expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error('the sign-in page has no CSRF token');
  return token;
}

/** A staff account of this role, signed in through /staff/sign-in as a browser would, with its CSRF token. */
export async function signedInStaff(app: Express, role: StaffRole, email = `${role}-${Math.random().toString(36).slice(2)}@shop.example`): Promise<SignedInStaff> {
  const staff = await createStaffAccount({ name: `Test ${role}`, email, password: STAFF_PASSWORD, role });
  const http = browserAgent(app);
  const _csrf = await signInFormToken(http);
  const signIn = await http.post('/staff/sign-in').type('form').send({ email, password: STAFF_PASSWORD, _csrf });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
  const me = await http.get('/staff/me').expect(200);
  return { staff, http, csrfToken: (me.body as { csrfToken: string }).csrfToken };
}
