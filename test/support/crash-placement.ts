/**
 * A child process for the crash-injection test: answers "yes" to a purchase read-back, as the
 * service would, and SIGKILLs itself right after the order step named by CRASH_AFTER_STEP, so
 * nothing after that step runs (no finally, no flush). Reads the test run's database from the
 * environment the test process passes on.
 */
import mongoose from 'mongoose';
import { handleTurn } from '../../src/conversation/engine';
import { connectDatabase } from '../../src/db/connection';
import { afterEachOrderStep } from '../../src/services/orders';
import { settings } from './commerce';

async function main(): Promise<void> {
  const crashAfter = process.env.CRASH_AFTER_STEP;
  afterEachOrderStep((step) => {
    if (step === crashAfter) process.kill(process.pid, 'SIGKILL');
  });
  await connectDatabase(process.env.TEST_DATABASE_URI!, { dbName: process.env.TEST_DATABASE_NAME });
  const reply = await handleTurn(
    { channel: 'messenger', channelUserId: process.env.CHANNEL_USER_ID!, locale: 'en-US', voice: false, speakerRecognized: true, now: new Date(process.env.TURN_AT!), intent: { name: 'Yes', slots: {} } },
    settings,
  );
  process.stdout.write(`${reply.text ?? reply.speech}\n`);
  await mongoose.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
