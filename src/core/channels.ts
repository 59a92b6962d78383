/**
 * A channel's id as it is stored (identities, sessions, orders, events) and routed: 'alexa', 'sms', ...
 * The set is open: a channel exists once the channel registry holds an adapter for it, so nothing here
 * (or in the schemas) lists them. Ids are validated against the registry where they enter (admin API,
 * console, configuration), and stored ids only have to look like one.
 */
export type Channel = string;

/** What every channel id looks like: lowercase, short, safe in keys such as `sms:+1415...` and in URLs. */
export const CHANNEL_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

