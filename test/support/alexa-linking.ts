import type { Types } from 'mongoose';
import type Provider from 'oidc-provider';
import type { Config } from '../../src/config';
import { createOAuthProvider, issueAccessToken } from '../../src/http/oauth/provider';
import { testConfig } from './config';

let provider: Provider | undefined;

/**
 * A real account-linking access token for a customer, minted by the same OAuth server the app runs
 * (stored like one from the token endpoint), for tests that send linked Alexa requests.
 */
export async function linkedAlexaToken(customerId: Types.ObjectId, config: Config = testConfig()): Promise<string> {
  provider ??= createOAuthProvider(config);
  return issueAccessToken(provider, config, customerId);
}
