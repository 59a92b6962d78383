import { Router } from 'express';
import { rawBodyOf } from '../../channels/body';
import { receiveStripeWebhook } from '../../services/payments';
import type { CommerceSettings } from '../../services/settings';

/** Stripe's events are small; a body far larger is not Stripe's. */
const WEBHOOK_BODY_LIMIT = '256kb';

/**
 * `/stripe`: the webhook (verified by Stripe-Signature over the raw bytes before anything else runs)
 * and the page Stripe's Checkout sends the customer back to. Mounted only with PAYMENTS=stripe.
 */
export function stripeRouter(settings: CommerceSettings): Router {
  const router = Router();
  router.post('/webhook', ...rawBodyOf(['application/json'], WEBHOOK_BODY_LIMIT), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.json(await receiveStripeWebhook(raw, req.header('stripe-signature'), settings));
  });
  // Where Checkout returns the customer: the conversation continues on their channel.
  router.get('/return', (_req, res) => {
    res.type('text/plain').send('Thank you. You can go back to the conversation now.');
  });
  return router;
}
