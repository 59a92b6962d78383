import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Browser } from 'playwright-core';

/** Where the Debian and Ubuntu packages put Chromium; .ci/run installs it when missing. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The machine's Chromium, or an error that says plainly it is missing and how to install it (never a silent skip). */
export function findChromium(candidates: string[] = CHROMIUM_PATHS): string {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`Chromium is not installed (looked for ${candidates.join(' and ')}); the console browser test needs it. Install it with: sudo apt-get install -y chromium`);
  }
  return found;
}

/**
 * One Chromium per test process, launched by the first browser test and kept for the next: a launch
 * costs seconds, and the browser test files (agent inbox, console, dashboard) often run in the same
 * mocha worker. Each test still gets its own browser context (newPage), closed by harness.close().
 */
let sharedChromium: Promise<Browser> | undefined;

function chromiumOfThisProcess(): Promise<Browser> {
  sharedChromium ??= (async () => {
    const executablePath = findChromium();
    // Loaded here, not at the top: global.ts imports this file, and most test processes start no browser.
    const { chromium } = await import('playwright-core');
    // Running as root (CI containers) needs --no-sandbox; it changes nothing else.
    return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  })().catch((error: unknown) => {
    sharedChromium = undefined;
    throw error;
  });
  return sharedChromium;
}

/**
 * Closes this process's Chromium, if a test launched one. global.ts calls it at the end of a run in one
 * process; a parallel worker keeps its Chromium for its next file, and Playwright ends it with the worker.
 */
export async function closeSharedChromium(): Promise<void> {
  const launched = sharedChromium;
  sharedChromium = undefined;
  const browser = await launched?.catch(() => undefined);
  await browser?.close();
}

/** An app listening on a free loopback port and the machine's Chromium to drive it; `close` stops the app and the test's pages. */
export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserHarness(app: Express): Promise<BrowserHarness> {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromiumOfThisProcess().catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  });
  return {
    baseUrl,
    browser,
    async close() {
      // What this test opened goes (its pages, cookies and storage); the browser stays for the next test file.
      await Promise.all(browser.contexts().map((context) => context.close()));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
