import type { Request, RequestHandler } from 'express';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { sameSecret } from '../../core/secrets';
import { parseJsonBody } from '../body';
import { verifyMetaSignature } from './signature';

/** GET: Meta's subscription handshake (Messenger, Instagram and WhatsApp alike). */
export function metaHandshake(config: Config): RequestHandler {
  return (req, res) => {
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || !config.META_VERIFY_TOKEN || !sameSecret(token, config.META_VERIFY_TOKEN)) {
      throw new AppError('FORBIDDEN', 'The verify token does not match.');
    }
    res.type('text/plain').send(challenge);
  };
}

/**
 * The raw body of a Meta webhook as JSON, only once X-Hub-Signature-256 verifies over the exact
 * bytes received (401 when missing, 403 when wrong).
 */
export function readSignedMetaJson(req: Request, config: Config): unknown {
  const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const signature = verifyMetaSignature(raw, req.header('x-hub-signature-256'), config.META_APP_SECRET ?? '');
  if (!signature.ok) {
    throw signature.reason === 'missing' ? new AppError('UNAUTHENTICATED', 'X-Hub-Signature-256 is required.') : new AppError('FORBIDDEN', 'X-Hub-Signature-256 does not match the body.', { reason: signature.reason });
  }
  return parseJsonBody(raw);
}
