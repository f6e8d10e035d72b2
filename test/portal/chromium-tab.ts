import { existsSync } from 'fs';
import { Browser, Page, chromium } from 'playwright-core';

/** The Chromium the browser tests drive: `$PAVED_CHROMIUM`, else Debian's. */
export const CHROMIUM = process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium';

/**
 * `describe`, or `describe.skip` with a loud line on stderr when there is no Chromium: a browser
 * test never passes without a browser.
 */
export function describeWithChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) {
    return describe;
  }
  process.stderr.write(`\n*** SKIPPING ${what}: no Chromium at ${CHROMIUM} (apt-get install chromium). ***\n\n`);
  return describe.skip;
}

/** A tab of a headless Chromium that records what went wrong in it and what it requested. */
export interface RecordingTab {
  /** The tab. */
  readonly tab: Page;
  /** Console errors and warnings, and uncaught page errors, in order. */
  readonly problems: string[];
  /** Every URL the tab requested. */
  readonly requests: string[];
}

/** Runs `use` with a new tab of a headless Chromium (no network services, no sync), then closes it. */
export async function withChromiumTab<T>(use: (recording: RecordingTab) => Promise<T>, viewport?: { width: number; height: number }): Promise<T> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage(viewport ? { viewport } : {});
    const problems: string[] = [];
    const requests: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(message.text());
      }
    });
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('request', (request) => requests.push(request.url()));
    return await use({ tab, problems, requests });
  } finally {
    await browser.close();
  }
}
