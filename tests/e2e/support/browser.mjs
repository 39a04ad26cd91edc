// Debian's chromium driven by playwright-core (no browser download).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.YOYAKU_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Viewports used by the tests: a small phone and a desktop. */
export const VIEWPORTS = {
  375: { width: 375, height: 812 },
  1280: { width: 1280, height: 800 },
};

/** A new context with Japanese locale and time zone at the given width. */
export function newContext(browser, width, options = {}) {
  return browser.newContext({
    viewport: VIEWPORTS[width] ?? { width, height: 800 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ...options,
  });
}

export function artifactsDir() {
  return process.env.YOYAKU_ARTIFACTS ?? path.join(os.tmpdir(), 'yoyaku-e2e-artifacts');
}

/** Full-page PNG at $YOYAKU_ARTIFACTS/screenshots/<name>-<width>.png; returns its path. */
export async function screenshot(page, name) {
  const dir = path.join(artifactsDir(), 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(dir, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Records what should never happen on a page: console errors and warnings,
 * uncaught exceptions, Content-Security-Policy violations, failed requests
 * and same-origin subresources answering >= 400.
 *
 * `expectedDocumentStatus`: Chromium logs "Failed to load resource" for a main
 * document answering 4xx (e.g. the 404 page); such a message located at the
 * document's own URL is expected when the test asked for that status.
 */
export function watchProblems(page) {
  const problems = [];
  let allowDocumentError = false;

  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    const text = msg.text();
    const where = msg.location()?.url ?? '';
    if (allowDocumentError && /Failed to load resource/.test(text) && where === page.url()) return;
    problems.push(`console.${msg.type()}: ${text}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels what the page was still loading (a favicon, say): not a failure of the server.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    const req = res.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) return;
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  // CSP violations are also reported to the console, but listen to the DOM
  // event too so that none can slip by.
  page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });

  return {
    problems,
    /** Allow the console error of a main document that answers 4xx. */
    expectErrorDocument(flag = true) {
      allowDocumentError = flag;
    },
    /** All problems so far, including CSP violations reported in the page. */
    async collect() {
      let csp = [];
      try {
        csp = await page.evaluate(() => window.__cspViolations ?? []);
      } catch {
        // page closed or navigating
      }
      return [...problems, ...csp.map((v) => `CSP violation: ${v}`)];
    },
  };
}
