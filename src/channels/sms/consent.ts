/** What the customer agreed to, stored with each decision (consent records keep the wording); the rules are core/consent's. */
export const SMS_CONSENT_WORDING = {
  optOut: 'Reply STOP to unsubscribe: no more text messages from this number.',
  optIn: 'Reply START to receive text messages from this number again. Reply STOP to unsubscribe.',
  carrierOptOut: 'The carrier reports this number unsubscribed (Twilio error 21610).',
} as const;
