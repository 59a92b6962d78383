import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import { consumeOAuthRecord, destroyOAuthRecord, findOAuthRecord, findOAuthRecordByUid, findOAuthRecordByUserCode, revokeOAuthGrant, saveOAuthRecord } from '../../store/oauth-store';

/**
 * oidc-provider's storage interface over the database (store/oauth-store.ts), one instance per kind
 * of record (AccessToken, AuthorizationCode, Grant, Session, Interaction, ...).
 */
export class OAuthStoreAdapter implements Adapter {
  constructor(private readonly kind: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    await saveOAuthRecord(this.kind, id, payload as Record<string, unknown>, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return (await findOAuthRecord(this.kind, id)) as AdapterPayload | undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return (await findOAuthRecordByUid(this.kind, uid)) as AdapterPayload | undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return (await findOAuthRecordByUserCode(this.kind, userCode)) as AdapterPayload | undefined;
  }

  /**
   * The library reads "consumed?" and then consumes: two token requests with one authorization code
   * can both read "no". The unique insert lets only one through; the other is refused as the library
   * refuses a reused code.
   */
  async consume(id: string): Promise<void> {
    if (!(await consumeOAuthRecord(this.kind, id))) throw new errors.InvalidGrant(`${this.kind} already consumed`);
  }

  async destroy(id: string): Promise<void> {
    await destroyOAuthRecord(this.kind, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await revokeOAuthGrant(grantId);
  }
}
