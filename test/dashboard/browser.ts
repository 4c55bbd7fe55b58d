/**
 * Chromium (Debian's /usr/bin/chromium, never downloaded) driven by playwright-core for the
 * dashboard tests: one browser per test file, a fresh profile, every console error and page
 * error recorded, screenshots under test-artifacts/dashboard/ (gitignored).
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env['DUROXIDE_CHROMIUM'] ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** This file runs as .build/test/dashboard/browser.js; the repository is three levels up. */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS_DIR = join(REPO, 'test-artifacts', 'dashboard');

export interface Browser {
  /** A new page (tab) that records console errors; 1280×900 unless `width` is given. */
  page(options?: { width?: number; height?: number }): Promise<WatchedPage>;
  close(): Promise<void>;
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught page errors seen since the page opened. */
  readonly errors: string[];
  /** Saves a full-page screenshot as test-artifacts/dashboard/<name>.png. */
  screenshot: (name: string) => Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'duroxide-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    async page(options = {}) {
      const page = await context.newPage();
      if (options.width !== undefined) {
        await page.setViewportSize({ width: options.width, height: options.height ?? 800 });
      }
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      return {
        page,
        errors,
        async screenshot(name) {
          await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
        },
      };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
