import assert from 'node:assert/strict';
import request from 'supertest';
import { RateSlotModel, StaffModel, StaffSessionModel } from '../../models';
import { createApp } from '../../src/http/app';
import { resetDatabase } from '../support/database';
import { silentLog, testConfig } from '../support/config';
import { browserAgent, signedInStaff, signInFormToken, STAFF_PASSWORD } from '../support/staff';

const config = testConfig();
const app = createApp({ config, log: silentLog });
const ADMIN = { 'x-api-key': config.ADMIN_API_KEY! };

describe('staff accounts and sign-in', () => {
  beforeEach(resetDatabase);

  it('creates an account through the admin API with the password stored only as an Argon2id hash', async () => {
    const created = await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Ana Agent', email: 'Ana@Shop.example', password: STAFF_PASSWORD, role: 'agent' }).expect(201);
    assert.deepEqual(Object.keys(created.body as object).sort(), ['email', 'id', 'name', 'role']);
    assert.equal((created.body as { email: string }).email, 'ana@shop.example');
    const stored = await StaffModel.findOne({ email: 'ana@shop.example' }).lean();
    assert.match(stored!.passwordHash, /^\$argon2id\$/);
    assert.ok(!stored!.passwordHash.includes(STAFF_PASSWORD));

    const again = await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Ana 2', email: 'ana@shop.example', password: STAFF_PASSWORD, role: 'agent' });
    assert.equal(again.status, 409);
    const weak = await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Bo', email: 'bo@shop.example', password: 'short', role: 'agent' });
    assert.equal(weak.status, 400);
    await request(app).post('/admin/staff').send({ name: 'Eve', email: 'eve@shop.example', password: STAFF_PASSWORD, role: 'admin' }).expect(401);
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie, and only to a path of this site', async () => {
    await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Ana Agent', email: 'ana@shop.example', password: STAFF_PASSWORD, role: 'agent' }).expect(201);
    const browser = browserAgent(app);
    const _csrf = await signInFormToken(browser);
    const wrong = await browser.post('/staff/sign-in').type('form').send({ email: 'ana@shop.example', password: 'not the password', _csrf });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
    const unknown = await browser.post('/staff/sign-in').type('form').send({ email: 'nobody@shop.example', password: 'not the password', _csrf });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.text, wrong.text, 'an unknown e-mail gets the same answer as a wrong password');

    const signIn = await browser.post('/staff/sign-in').type('form').send({ email: 'ANA@shop.example', password: STAFF_PASSWORD, next: '//evil.example/agent', _csrf });
    assert.equal(signIn.status, 303);
    assert.equal(signIn.headers.location, '/agent');
    const cookie = (signIn.headers['set-cookie'] as unknown as string[])[0]!;
    assert.match(cookie, /^staff_session=/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
  });

  it('refuses a sign-in posted from another site', async () => {
    await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Ana Agent', email: 'ana@shop.example', password: STAFF_PASSWORD, role: 'agent' }).expect(201);
    const browser = browserAgent(app);
    const _csrf = await signInFormToken(browser);
    const crossSite = await browser.post('/staff/sign-in').set('origin', 'https://evil.example').type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD, _csrf });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.headers['set-cookie'], undefined);
    const opaque = await browser.post('/staff/sign-in').set('origin', 'null').type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD, _csrf });
    assert.equal(opaque.status, 403, 'a sandboxed page (Origin: null) is another site too');
    const page = await request(app).get('/staff/sign-in').expect(200);
    const cookie = (page.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const unnamed = await request(app).post('/staff/sign-in').set('cookie', cookie).type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD, _csrf: token });
    assert.equal(unnamed.status, 403, 'a POST naming neither Origin nor Referer is another site too');
  });

  it('refuses a sign-in without the CSRF token of its own sign-in page (login CSRF), and writes nothing', async () => {
    await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Ana Agent', email: 'ana@shop.example', password: STAFF_PASSWORD, role: 'agent' }).expect(201);
    const browser = browserAgent(app);
    const withoutToken = await browser.post('/staff/sign-in').type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD });
    assert.equal(withoutToken.status, 403);
    const forged = await browserAgent(app).post('/staff/sign-in').set('cookie', 'staff_sign_in=attacker.forged').type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD, _csrf: 'attacker' });
    assert.equal(forged.status, 403, 'a cookie this server did not sign');
    const someoneElsesToken = await signInFormToken(browserAgent(app));
    const othersToken = await browserAgent(app).post('/staff/sign-in').type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD, _csrf: someoneElsesToken });
    assert.equal(othersToken.status, 403, 'a token without its cookie');
    for (const answer of [withoutToken, forged, othersToken]) assert.ok(!String(answer.headers['set-cookie'] ?? '').includes('staff_session='));
    assert.equal(await StaffSessionModel.countDocuments(), 0);
    assert.equal(await RateSlotModel.countDocuments(), 0, 'no attempt counted');
    await browser.get('/staff/me').expect(401);
  });

  it('limits sign-in attempts per e-mail: the sixth in 15 minutes is refused, even with the right password', async () => {
    await request(app).post('/admin/staff').set(ADMIN).send({ name: 'Ana Agent', email: 'ana@shop.example', password: STAFF_PASSWORD, role: 'agent' }).expect(201);
    const browser = browserAgent(app);
    const _csrf = await signInFormToken(browser);
    for (let attempt = 0; attempt < config.STAFF_SIGN_IN_ATTEMPTS; attempt++) {
      await browser.post('/staff/sign-in').type('form').send({ email: 'ana@shop.example', password: `guess ${attempt}`, _csrf }).expect(401);
    }
    const refused = await browser.post('/staff/sign-in').type('form').send({ email: 'ana@shop.example', password: STAFF_PASSWORD, _csrf });
    assert.equal(refused.status, 429);
    assert.match(refused.text, /Too many sign-in attempts/);
    assert.equal(refused.headers['set-cookie'], undefined);
  });

  it('a staff session is no key to /admin, and a sign-out needs the CSRF token from this site', async () => {
    const admin = await signedInStaff(app, 'admin');
    await admin.http.get('/admin/customers?phone=%2B15550100001').expect(401);
    await admin.http.post('/staff/sign-out').set('origin', 'https://evil.example').set('x-csrf-token', admin.csrfToken).expect(403);
    await admin.http.post('/staff/sign-out').expect(403);
    await admin.http.get('/staff/me').expect(200);
    await admin.http.post('/staff/sign-out').set('x-csrf-token', admin.csrfToken).expect(303);
    await admin.http.get('/staff/me').expect(401);
  });
});
