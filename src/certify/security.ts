import type { AddressInfo } from 'node:net';
import express from 'express';
import { alexaRouter } from '../channels/alexa/router';
import { alexaEnvelope, signatureHeaders, simulatedVerifierOptions } from '../channels/alexa/simulate/requests';
import type { Config } from '../config';
import { errorHandler } from '../http/errors';
import type { Logger } from '../logger';
import { commerceSettings } from '../services/settings';
import { linkChannels } from '../channels/registry';
import { fail, pass, type CheckResult } from './report';

interface Sent {
  status: number;
  reason?: string;
}

/**
 * The endpoint's own router (as configured: ALEXA_VERIFY_SIGNATURE, ALEXA_SKILL_ID) on 127.0.0.1, trusting the
 * stand-in signing PKI instead of Amazon's, so requests can be signed here. A correctly signed request must get
 * through, or the refusals would prove nothing; then unsigned, tampered and stale ones must be refused.
 */
export async function checkSecurity(config: Config, log: Logger): Promise<CheckResult[]> {
  const app = express();
  app.use('/alexa', alexaRouter({ config, settings: commerceSettings(config, { linkChannels: linkChannels() }), log, verifier: simulatedVerifierOptions() }));
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alexa`;
  const post = async (raw: string, headers: Record<string, string>): Promise<Sent> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
    const body = (await response.json().catch(() => null)) as { error?: { details?: { reason?: string } } } | null;
    return { status: response.status, reason: body?.error?.details?.reason };
  };
  const launch = (timestamp?: Date) => JSON.stringify(alexaEnvelope({ type: 'LaunchRequest' }, { skillId: config.ALEXA_SKILL_ID, userId: 'amzn1.ask.account.CERTIFYSECURITY', timestamp, apiAccessToken: null }));

  try {
    const validRaw = launch();
    const valid = await post(validRaw, signatureHeaders(Buffer.from(validRaw)));
    const unsigned = await post(launch(), {});
    const signedRaw = launch();
    const tamperedRaw = signedRaw.replace('CERTIFYSECURITY', 'CERTIFYSECURITX');
    const tampered = await post(tamperedRaw, signatureHeaders(Buffer.from(signedRaw)));
    const staleRaw = launch(new Date(Date.now() - 151_000));
    const stale = await post(staleRaw, signatureHeaders(Buffer.from(staleRaw)));

    const judge = (rule: 'security.unsigned' | 'security.tampered' | 'security.stale', sent: Sent, what: string): CheckResult => {
      if (sent.status === 400) return pass(rule, null, `${what} is refused with 400 (${sent.reason ?? 'no reason given'}).`);
      if (sent.status >= 200 && sent.status < 300) {
        const why = config.ALEXA_VERIFY_SIGNATURE ? '' : ' because ALEXA_VERIFY_SIGNATURE=false';
        return fail(rule, null, `${what} was ACCEPTED with ${sent.status}${why}.`);
      }
      return fail(rule, null, `${what} got ${sent.status}, not 400: a refusal must be a 4xx with a reason, never a 5xx.`);
    };
    if (valid.status !== 200) {
      const message = `a correctly signed request was refused (${valid.status}, ${valid.reason ?? 'no reason'}), so the refusals below prove nothing; check ALEXA_SKILL_ID and the verifier.`;
      return [fail('security.unsigned', null, message), fail('security.tampered', null, message), fail('security.stale', null, message)];
    }
    return [
      judge('security.unsigned', unsigned, 'a request without SignatureCertChainUrl and Signature-256'),
      judge('security.tampered', tampered, 'a signed request whose body was changed after signing'),
      judge('security.stale', stale, 'a signed request whose timestamp is 151 s old'),
    ];
  } finally {
    // fetch keeps sockets alive; close them so the self-test leaves nothing behind.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
