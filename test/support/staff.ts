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

/** A staff account of this role, signed in through /staff/sign-in as a browser would, with its CSRF token. */
export async function signedInStaff(app: Express, role: StaffRole, email = `${role}-${Math.random().toString(36).slice(2)}@shop.example`): Promise<SignedInStaff> {
  const staff = await createStaffAccount({ name: `Test ${role}`, email, password: STAFF_PASSWORD, role });
  const http = request.agent(app);
  const signIn = await http.post('/staff/sign-in').type('form').send({ email, password: STAFF_PASSWORD });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
  const me = await http.get('/staff/me').expect(200);
  return { staff, http, csrfToken: (me.body as { csrfToken: string }).csrfToken };
}
