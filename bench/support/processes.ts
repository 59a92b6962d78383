import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { StartMessage } from '../servers';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Asks the server process something (see `Question` in bench/servers.ts) and resolves with its answer. */
  ask<T>(question: { type: string } & Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

const SERVERS_ENTRY = path.join(__dirname, '..', 'servers.ts');

/** Generous: on 2 busy cores, compiling the app with tsx and creating the indexes can take a minute or two. */
export async function startServerProcess(message: StartMessage, timeoutMs = 240_000): Promise<ServerProcess> {
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
  let nextId = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    ask: <T>(question: { type: string } & Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const id = ++nextId;
        const onMessage = (reply: { type: string; id?: number; value?: T }) => {
          if (reply.type !== 'answer' || reply.id !== id) return;
          child.off('message', onMessage);
          resolve(reply.value!);
        };
        child.on('message', onMessage);
        child.send({ ...question, id });
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
