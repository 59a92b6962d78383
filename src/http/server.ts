import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `drainMs`), then closes what is left. */
  close(drainMs?: number): Promise<void>;
}

export function startHttpServer(app: Express, port: number, host = '127.0.0.1'): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    // An idle keep-alive connection is closed by the client side first: a load balancer (65 s is above
    // the common 60 s idle timeout) or a keep-alive client that reuses a socket the server is closing
    // at that moment gets a reset instead of an answer. Node's 5 s default made that frequent under load
    // (a quarter of 300 shoppers in the scale-out test).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once('error', reject);
    server.once('listening', () => {
      server.removeListener('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port, close: (drainMs = 10_000) => drain(server, drainMs) });
    });
  });
}

function drain(server: Server, drainMs: number): Promise<void> {
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => server.closeAllConnections(), drainMs);
    // A keep-alive socket turns idle only once its in-flight response is done, and would then hold
    // close() open until it times out: keep closing idle ones until the drain completes.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(forceTimer);
      clearInterval(idleSweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
