import type { Config } from '../../config';
import { UCP_CAPABILITIES, UCP_VERSION, ucpSchema, ucpSpec } from '../../core/ucp';
import { ucpSigningKey } from '../../notify/ucp-webhook';
import { assistantResources, SHOP_SCOPE } from '../oauth/provider';

/** The payment handlers we accept credentials from. UNCONFIRMED: the handler name and config Stripe's UCP handler uses. */
export function ucpPaymentHandlers() {
  return { 'com.stripe': [{ id: 'stripe', version: UCP_VERSION, available_instruments: [{ type: 'card' }], config: {} }] };
}

/** GET /.well-known/ucp: the business profile a platform discovers us by. */
export function ucpProfile(config: Config) {
  return {
    ucp: {
      version: UCP_VERSION,
      services: {
        'dev.ucp.shopping': [{ version: UCP_VERSION, spec: ucpSpec('overview'), transport: 'rest', endpoint: assistantResources(config).ucp, schema: `https://ucp.dev/${UCP_VERSION}/services/shopping/rest.openapi.json` }],
      },
      capabilities: {
        [UCP_CAPABILITIES.identityLinking]: [{ version: UCP_VERSION, spec: ucpSpec('identity-linking'), schema: ucpSchema('common/identity_linking.json'), config: { scopes: { [SHOP_SCOPE]: {} } } }],
        [UCP_CAPABILITIES.checkout]: [{ version: UCP_VERSION, spec: ucpSpec('checkout'), schema: ucpSchema('shopping/checkout.json') }],
        [UCP_CAPABILITIES.order]: [{ version: UCP_VERSION, spec: ucpSpec('order'), schema: ucpSchema('shopping/order.json') }],
      },
      payment_handlers: ucpPaymentHandlers(),
    },
    signing_keys: [ucpSigningKey(config).publicJwk],
  };
}
