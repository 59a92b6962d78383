import { existsSync } from 'node:fs';

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
