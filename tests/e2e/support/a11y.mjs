// Accessibility checks shared by the accessibility, keyboard and text-zoom
// tests: axe-core run inside the page, and a visible-focus probe.
//
//   const audit = axeAudit();
//   await audit.check(page, 'home');        // axe at each width of the audit
//   audit.assertClean();                    // fails listing every finding
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Impacts that fail a test. */
export const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Rules whose fix is CSS, written up for the stylesheet rewrite in
 * /tmp/a11y-css-findings.md (the tests do not edit static/css). They still
 * fail the test: the message only says where the proposed fix is.
 */
export const CSS_FINDINGS = {
  'color-contrast': 'a colour of static/css (the design tokens): the fix is CSS, see /tmp/a11y-css-findings.md',
  'color-contrast-enhanced': 'a colour of static/css (the design tokens): the fix is CSS, see /tmp/a11y-css-findings.md',
};

/**
 * Injects axe-core into the page (by the DevTools protocol, which the page's
 * Content-Security-Policy `script-src 'self'` does not block, so the page is
 * tested with its real CSP) and runs it on the whole document with the WCAG
 * 2.x A/AA rules and axe's best practices. Returns { violations, incomplete }
 * (incomplete: what axe could not decide, e.g. contrast over a gradient).
 */
export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations', 'incomplete'],
    });
    const brief = (v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), impact: n.impact, summary: n.failureSummary })),
    });
    return { violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
  });
}

/** One line per failing node: rule, impact, selector, page. */
export function describeFinding(f) {
  const note = CSS_FINDINGS[f.id] ? ` [${CSS_FINDINGS[f.id]}]` : '';
  return `${f.id} (${f.impact}) at ${f.target} — ${f.help}${note}\n    on ${f.label}: ${f.url}` +
    (f.summary ? `\n    ${f.summary.replace(/\n/g, '\n    ')}` : '');
}

/**
 * Collects serious and critical axe findings over many pages, so that one
 * run lists all of them instead of stopping at the first page.
 *
 * `widths`: each page is checked at these viewport widths (the viewport is
 * resized in place, so a page that was reached by a POST is not posted again).
 */
export function axeAudit({ widths = [1280, 375], height = 800, name } = {}) {
  const findings = [];
  const minor = [];
  const undecided = [];
  const checked = [];
  return {
    findings,
    checked,
    async check(page, label) {
      const original = page.viewportSize();
      for (const width of widths) {
        if (page.viewportSize()?.width !== width) {
          await page.setViewportSize({ width, height: width < 640 ? 812 : height });
        }
        const { violations, incomplete } = await runAxe(page);
        const scheme = await page.evaluate(() => document.documentElement.dataset.colorScheme ?? '');
        const where = `${label} @${width}px ${scheme}`;
        checked.push(where);
        for (const v of violations) {
          for (const n of v.nodes) {
            const impact = n.impact ?? v.impact;
            const finding = { id: v.id, impact, help: v.help, target: n.target, summary: n.summary, label: where, url: page.url() };
            (FAILING_IMPACTS.has(impact) ? findings : minor).push(finding);
          }
        }
        for (const v of incomplete) {
          for (const n of v.nodes) undecided.push({ id: v.id, target: n.target, summary: n.summary, label: where, url: page.url() });
        }
      }
      if (original) await page.setViewportSize(original);
    },
    /**
     * Fails on any serious or critical finding. Everything axe said (also
     * moderate and minor violations, and what it could not decide) is written
     * to $YOYAKU_ARTIFACTS/axe/<name>.json for a person to read.
     */
    assertClean() {
      const artifacts = process.env.YOYAKU_ARTIFACTS;
      if (artifacts && name) {
        const dir = path.join(artifacts, 'axe');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `${name}.json`),
          JSON.stringify({ checked, failing: findings, moderateOrMinor: minor, incomplete: undecided }, null, 2));
      }
      const lines = findings.map(describeFinding);
      assert.equal(findings.length, 0,
        `${findings.length} serious/critical axe finding(s) on ${checked.length} checked views:\n${lines.join('\n')}`);
    },
  };
}

/**
 * What makes the focus of the focused element visible, or null: an outline
 * (style not none, width > 0, not transparent), a box-shadow, or (for a
 * :focus-visible rule that changes them) a background or border different
 * from the same element unfocused. Looks at the element itself and, for a
 * visually hidden radio or checkbox, at its label.
 */
export async function focusIndicator(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', element: 'body', visible: null };
    const describe = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`;
    const transparent = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    const indicatorOf = (e) => {
      const s = getComputedStyle(e);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor)) {
        return `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`;
      }
      if (s.boxShadow && s.boxShadow !== 'none') return `box-shadow ${s.boxShadow}`;
      return null;
    };
    let found = indicatorOf(el);
    let on = el;
    // A custom radio/checkbox hides the input and draws the label.
    if (!found && el.labels && el.labels.length) {
      for (const label of el.labels) {
        found = indicatorOf(label);
        for (const child of label.querySelectorAll('*')) {
          if (found) break;
          found = indicatorOf(child);
        }
        if (found) {
          on = label;
          break;
        }
      }
    }
    const r = el.getBoundingClientRect();
    return {
      tag: describe(el),
      element: el.tagName.toLowerCase(),
      id: el.id,
      type: el.getAttribute('type') ?? '',
      href: el.getAttribute('href') ?? '',
      mark: el.getAttribute('data-mark') ?? '',
      text: (el.innerText || el.getAttribute('aria-label') || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 60),
      checked: !!el.checked,
      indicator: found,
      on: describe(on),
      visible: !!found,
      box: [r.x, r.y, r.width, r.height].map(Math.round),
    };
  });
}

/**
 * A new page of `context` whose views are checked by `audit`, each after
 * asserting that the page is shown in `scheme` (the <html data-color-scheme>
 * the server wrote from the visitor's cookie or profile).
 *   check(label): axe on what is shown now;
 *   visit(path, label, status = 200): GET, expect the status, check.
 */
export async function auditedPage(context, audit, scheme, baseUrl) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const check = async (label) => {
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.colorScheme), scheme,
      `${label} (${page.url()}) is shown in the ${scheme} scheme`);
    // Contrast is only tested if the stylesheet is there.
    assert.ok(await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.cssRules.length > 50)),
      `${label} (${page.url()}) has its stylesheet`);
    await audit.check(page, label);
  };
  const visit = async (path, label, status = 200) => {
    const response = await page.goto(`${baseUrl}${path}`);
    assert.equal(response.status(), status, `GET ${path}`);
    await check(label ?? path);
  };
  return { page, check, visit };
}

/** 配色を変更する on /color-scheme, as a user chooses it (a cookie; for a signed-in job seeker, the profile). */
export async function chooseScheme(page, baseUrl, scheme) {
  await page.goto(`${baseUrl}/color-scheme`);
  const id = scheme === 'standard' ? 'scheme' : `scheme-${scheme}`;
  await page.locator(`label[for="${id}"]`).click();
  await page.getByRole('button', { name: '変更する' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.colorScheme), scheme);
}
