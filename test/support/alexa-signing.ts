// The stand-in signing PKI lives in src so that `certify` can sign requests too.
export * from '../../src/channels/alexa/simulate/signing';
