import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { webBuildIsCurrent } from '../../apps/api/src/web/build-web-if-changed.js';

/** Debian's Chromium and the CJK font the screenshots need (../shared/TOOLCHAIN.md). */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const cjkFont = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const installLine = 'apt-get update && apt-get install -y chromium fonts-wqy-microhei';
export const screenshotFolder = join(process.cwd(), 'test-results', 'web');

const missing = [chromiumPath, cjkFont].filter((path) => !existsSync(path));

/**
 * A suite that drives a real Chromium. Without Chromium (or the font) it is reported skipped,
 * by name, with the install line; under CI=true it fails instead, since .ci/run installs both.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const reason = `${missing.join(' and ')} missing; install with: ${installLine}`;
  if (process.env['CI'] === 'true') {
    describe(name, () => it('runs under CI=true, where .ci/run installs Chromium and the font', () => {
      throw new Error(reason);
    }));
    return;
  }
  console.warn(`Skipping browser suite "${name}": ${reason}`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}

export async function launchChromium(): Promise<Browser> {
  if (!webBuildIsCurrent()) throw new Error('dist/web is missing or older than apps/web: npm test builds it first (or run npm run build:web)');
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
}

/** What went wrong in a page: console errors, uncaught exceptions and CSP violations. */
export interface PageProblems {
  readonly errors: string[];
}

/** A tab signed in with `token` (as the sign-in form would keep it), watching for errors and CSP violations. */
export async function signedInPage(context: BrowserContext, token: string | null): Promise<{ page: Page; problems: PageProblems }> {
  const problems: PageProblems = { errors: [] };
  // Scripts run in the page (strings: this project's tsconfig has no DOM types).
  if (token) await context.addInitScript(`sessionStorage.setItem('jixiao.token', ${JSON.stringify(token)})`);
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
  );
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotFolder, { recursive: true });
  const path = join(screenshotFolder, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits for a page's data-ready mark. */
export const ready = (page: Page, name: string, timeout = 15_000) =>
  page.waitForSelector(`[data-page="${name}"][data-ready="true"]`, { timeout });

/** The console's money format: fen in 万元 with two decimals and separators (apps/web/src/shared/format.ts). */
export const wanyuan = (fen: number) =>
  new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 1_000_000);
