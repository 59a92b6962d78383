import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { StartMessage } from '../servers';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Waits until the server's background work (webhook replies) is done; returns its RSS. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const SERVERS_ENTRY = path.join(__dirname, '..', 'servers.ts');

export async function startServerProcess(message: StartMessage, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = fork(SERVERS_ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, LOG_LEVEL: 'silent' } });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${message.kind} server did not start within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${message.kind} server exited with ${code}`)));
    child.on('message', (reply: { type: string; port?: number }) => {
      if (reply.type === 'listening') {
        clearTimeout(timer);
        resolve(reply.port!);
      }
    });
    child.send(message);
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    drain: () =>
      new Promise<number>((resolve) => {
        const onMessage = (reply: { type: string; rssMiB?: number }) => {
          if (reply.type !== 'drained') return;
          child.off('message', onMessage);
          resolve(reply.rssMiB!);
        };
        child.on('message', onMessage);
        child.send({ type: 'drain' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  };
}
