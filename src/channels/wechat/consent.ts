/** What the customer agreed to, stored with each decision (consent records keep the wording); the rules are core/consent's. */
export const WECHAT_CONSENT_WORDING = {
  follow: 'Following the Official Account: replies and order messages in this chat.',
  unfollow: 'Unfollowing the Official Account: no more messages in this chat.',
} as const;
