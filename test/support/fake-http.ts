import nock from 'nock';

// Importing nock patches http and fetch for the whole process; left on, it breaks suites that make
// real loopback calls (the `npm start` test). It is off everywhere except inside `withFakeHttp`.
nock.restore();

/**
 * Turns nock on for the enclosing describe block only: third-party hosts are faked, anything not
 * faked fails loudly, loopback stays reachable, and every test must use up the fakes it declared.
 */
export function withFakeHttp(): void {
  before(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  afterEach(() => nock.cleanAll());
  after(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

export { nock };
