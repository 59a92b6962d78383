import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { connectDatabase } from '../../src/db/connection';

/** Commands the driver sends on its own (handshakes, heartbeats, session clean-up), not the app's round trips. */
const DRIVER_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo', 'getParameter']);

/** Reconnects the test run's database with command monitoring on, so round trips can be counted. */
export async function monitorDatabaseCommands(): Promise<void> {
  await mongoose.disconnect();
  await connectDatabase(process.env.TEST_DATABASE_URI!, { dbName: process.env.TEST_DATABASE_NAME, monitorCommands: true });
}

export interface CountedCommands<T> {
  result: T;
  count: number;
  /** "find products", "update sessions", ... in the order sent: what to read when a count grows. */
  commands: string[];
}

/** Runs `work` and lists every command it sent to the app's database, counted deterministically by the driver. */
export async function countCommands<T>(work: () => Promise<T>): Promise<CountedCommands<T>> {
  const client = mongoose.connection.getClient();
  const database = mongoose.connection.db!.databaseName;
  const commands: string[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (event.databaseName !== database || DRIVER_COMMANDS.has(event.commandName)) return;
    const target = (event.command as Record<string, unknown>)[event.commandName];
    commands.push(typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName);
  };
  client.on('commandStarted', listener);
  try {
    const result = await work();
    return { result, count: commands.length, commands };
  } finally {
    client.off('commandStarted', listener);
  }
}
