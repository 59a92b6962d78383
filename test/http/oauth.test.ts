import assert from 'node:assert/strict';
import request from 'supertest';
import { ChannelIdentityModel, OAuthRecordModel } from '../../models';
import { createApp } from '../../src/http/app';
import { addToCart, changeCustomerCart } from '../../src/services/cart';
import { issueLinkCode } from '../../src/services/customers';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { addCustomer, addProduct, settings } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { resetDatabase } from '../support/database';

const config = testConfig();
const app = createApp({ config, log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });
const CLIENT_ID = config.ALEXA_OAUTH_CLIENT_ID;
const CLIENT_SECRET = config.ALEXA_OAUTH_CLIENT_SECRET!;
/** Alexa's North America redirect URL for the skill (the vendor id is the developer's). */
const REDIRECT_URI = config.ALEXA_OAUTH_REDIRECT_URIS[0]!;
const ALEXA_USER = 'amzn1.ask.account.OAUTH-LINKER';

const pathOf = (location: string) => {
  const url = new URL(location, 'http://127.0.0.1');
  return `${url.pathname}${url.search}`;
};

/** The authorization request exactly as Alexa's account-linking flow sends it to the authorization URI. */
function authorizationQuery(state: string) {
  return { client_id: CLIENT_ID, response_type: 'code', state, redirect_uri: REDIRECT_URI, scope: 'orders' };
}

function tokenRequest(form: Record<string, string>, secret = CLIENT_SECRET) {
  return request(app).post('/oauth/token').auth(CLIENT_ID, secret).type('form').send(form);
}

/** GET /oauth/auth, then follow the library's redirect to our sign-in page. Returns the agent and the form's action. */
async function openSignIn(state: string) {
  const browser = request.agent(app);
  const start = await browser.get('/oauth/auth').query(authorizationQuery(state));
  assert.equal(start.status, 303, start.text);
  const signInPath = pathOf(start.headers.location!);
  assert.match(signInPath, /^\/oauth\/interaction\/[\w-]+$/);
  const page = await browser.get(signInPath);
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'] ?? '', /^text\/html/);
  assert.match(page.text, /<html lang="en-US">/);
  assert.match(page.text, /<label for="code">Link code<\/label>/);
  assert.match(page.text, /<input id="code" name="code"[^>]*autocomplete="one-time-code"[^>]*required/);
  const action = /<form method="post" action="([^"]+\/login)">/.exec(page.text)![1]!;
  return { browser, action };
}

/** Posts the code and follows the library back to Alexa's redirect URI; returns that redirect. */
async function signIn(browser: ReturnType<typeof request.agent>, action: string, code: string) {
  const posted = await browser.post(action).type('form').send({ code });
  assert.equal(posted.status, 303, posted.text);
  const resumed = await browser.get(pathOf(posted.headers.location!));
  assert.equal(resumed.status, 303, resumed.text);
  return new URL(resumed.headers.location!);
}

describe('Alexa account linking (OAuth 2 authorization code at /oauth)', () => {
  let customerId: Awaited<ReturnType<typeof addCustomer>>;

  beforeEach(async () => {
    await resetDatabase();
    await addProduct('TEA-1', { name: 'Earl Grey Tea', priceMinor: 550 });
    customerId = await addCustomer({ channel: 'whatsapp', externalId: '15550123456' });
    await changeCustomerCart(customerId, settings, (cart) => addToCart(cart, 'TEA-1', 2, settings));
  });

  it('links Alexa to the customer who entered a link code from chat; the token answers as that customer', async () => {
    const { code } = await issueLinkCode(customerId, 'whatsapp', settings.linkCodePepper);
    const { browser, action } = await openSignIn('alexa-state-123');

    const wrong = await browser.post(action).type('form').send({ code: '0000 0000 0000' });
    assert.equal(wrong.status, 403);
    assert.match(wrong.text, /role="alert">That link code isn&#39;t right/);
    assert.match(wrong.text, /aria-invalid="true"/);

    const back = await signIn(browser, action, code);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
    assert.equal(back.searchParams.get('state'), 'alexa-state-123');
    const authorizationCode = back.searchParams.get('code')!;
    assert.ok(authorizationCode);

    const badSecret = await tokenRequest({ grant_type: 'authorization_code', code: authorizationCode, redirect_uri: REDIRECT_URI }, 'not-the-secret');
    assert.equal(badSecret.status, 401);
    assert.equal(badSecret.body.error, 'invalid_client');

    // Two token requests with one code at the same moment: exactly one gets tokens.
    const [first, second] = await Promise.all([0, 1].map(() => tokenRequest({ grant_type: 'authorization_code', code: authorizationCode, redirect_uri: REDIRECT_URI })));
    const statuses = [first!.status, second!.status].sort();
    assert.deepEqual(statuses, [200, 400]);
    const issued = (first!.status === 200 ? first! : second!).body as { access_token: string; token_type: string; expires_in: number; refresh_token: string };
    assert.equal((first!.status === 400 ? first! : second!).body.error, 'invalid_grant');
    assert.equal(issued.token_type, 'Bearer');
    assert.ok(issued.expires_in > 0 && issued.refresh_token);
    assert.equal(await OAuthRecordModel.countDocuments({ payload: { $regex: issued.access_token } }), 0, 'the token is not stored in the clear');

    // Before linking, the Alexa user had started a cart of their own; linking joins it to the customer's.
    const unlinked = await postSigned(app, alexaEnvelope(intent('AddToCartIntent', { product: { value: 'earl grey tea', id: 'TEA-1' } }), { userId: ALEXA_USER }));
    assert.match(unlinked.body.response.outputSpeech.ssml, /Added 1 Earl Grey Tea/);

    const launch = await postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }, { userId: ALEXA_USER, accessToken: issued.access_token }));
    assert.equal(launch.status, 200);
    assert.equal(launch.body.response.card, undefined, 'no LinkAccount card once linked');
    const cart = await postSigned(app, alexaEnvelope(intent('ViewCartIntent'), { userId: ALEXA_USER, accessToken: issued.access_token }));
    assert.match(cart.body.response.outputSpeech.ssml, /Your cart has 3 Earl Grey Tea/);
    const alexaIdentity = await ChannelIdentityModel.findOne({ channel: 'alexa', externalId: ALEXA_USER }).lean();
    assert.equal(String(alexaIdentity!.customerId), String(customerId));

    // Alexa refreshes its token with the refresh token, authenticated the same way.
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.ok(refreshed.body.access_token);

    // A reused code is refused, and (as RFC 6749 asks) the tokens it gave are revoked.
    const reused = await tokenRequest({ grant_type: 'authorization_code', code: authorizationCode, redirect_uri: REDIRECT_URI });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
    const afterRevocation = await postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }, { userId: ALEXA_USER, accessToken: issued.access_token }));
    assert.deepEqual(afterRevocation.body.response.card, { type: 'LinkAccount' });
  });

  it('refuses a used link code on the sign-in page and an unknown client or redirect URI at the start', async () => {
    const { code } = await issueLinkCode(customerId, 'whatsapp', settings.linkCodePepper);
    const firstBrowser = await openSignIn('s1');
    await signIn(firstBrowser.browser, firstBrowser.action, code);
    const secondBrowser = await openSignIn('s2');
    const used = await secondBrowser.browser.post(secondBrowser.action).type('form').send({ code });
    assert.equal(used.status, 409);
    assert.match(used.text, /already been used/);

    const foreignRedirect = await request(app).get('/oauth/auth').query({ ...authorizationQuery('s3'), redirect_uri: 'https://attacker.example/callback' });
    assert.equal(foreignRedirect.status, 400);
    assert.doesNotMatch(foreignRedirect.headers.location ?? '', /attacker/);
    const unknownClient = await request(app).get('/oauth/auth').query({ ...authorizationQuery('s4'), client_id: 'someone-else' });
    assert.equal(unknownClient.status, 400);

    const noInteraction = await request(app).post('/oauth/interaction/not-a-real-uid/login').type('form').send({ code });
    assert.equal(noInteraction.status, 400);
  });
});

describe('Alexa account linking: URLs come from the configured public origin, never from the caller', () => {
  const publicOrigin = new URL(config.PUBLIC_BASE_URL).origin;

  it('a spoofed Host or X-Forwarded-Host/-Proto changes neither the discovery metadata nor the redirect to the sign-in page', async () => {
    const metadata = await request(app).get('/oauth/.well-known/openid-configuration').set('host', 'evil.example').set('x-forwarded-host', 'evil.example').set('x-forwarded-proto', 'http');
    assert.equal(metadata.status, 200);
    const endpoints = [metadata.body.authorization_endpoint, metadata.body.token_endpoint, metadata.body.jwks_uri] as string[];
    assert.deepEqual(endpoints.map((url) => new URL(url).origin), [publicOrigin, publicOrigin, publicOrigin]);
    assert.doesNotMatch(JSON.stringify(metadata.body), /evil\.example/);

    const start = await request(app).get('/oauth/auth').query(authorizationQuery('spoof')).set('x-forwarded-host', 'evil.example');
    assert.equal(start.status, 303, start.text);
    assert.doesNotMatch(start.headers.location!, /evil\.example/);
  });
});
