import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { chromium, type Browser } from 'playwright-core';

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

/** An app listening on a free loopback port and the machine's Chromium to drive it; `close` stops both. */
export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserHarness(app: Express): Promise<BrowserHarness> {
  const executablePath = findChromium();
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Running as root (CI containers) needs --no-sandbox; it changes nothing else.
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] }).catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  });
  return {
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
