// axe-core inside the real window: injected over WebDriver (scripts run by the driver are not
// bound by the page's CSP), run on the whole document, and any serious or critical violation
// fails the test with a list a person can act on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE_FILE = path.join(here, '..', '..', 'ui', 'node_modules', 'axe-core', 'axe.min.js');

let source = null;
function axeSource() {
  if (source === null) {
    if (!fs.existsSync(AXE_FILE)) {
      throw new Error(`${AXE_FILE} is missing: run \`npm ci\` in ui/ (axe-core is a dev dependency)`);
    }
    source = fs.readFileSync(AXE_FILE, 'utf8');
  }
  return source;
}

const BLOCKING = new Set(['serious', 'critical']);

/** One line per failing element: rule, impact, selector, what is wrong. */
export function describeViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help}`);
    for (const node of v.nodes.slice(0, 8)) {
      const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
      lines.push(`  ${node.target.join(' ')} — ${summary.slice(0, 300)}`);
    }
    if (v.nodes.length > 8) lines.push(`  … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/** Every violation axe finds in what the window shows now. */
export async function axeViolations(d, where) {
  const loaded = await d.execute('return typeof window.axe === "object"');
  if (!loaded) {
    await d.execute(`${axeSource()}\n;return typeof window.axe;`);
  }
  // Transitions (120 ms) would let axe read a colour half-way between two states.
  await new Promise((r) => setTimeout(r, 200));
  const result = await d.session('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      window.axe
        .run(document, { resultTypes: ['violations'] })
        .then((r) => done({ violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
        })) }))
        .catch((e) => done({ error: String(e && e.stack || e) }));`,
    args: [],
  });
  assert.ok(!result.error, `axe did not run on ${where}: ${result.error}`);
  return result.violations;
}

/**
 * Checks screen after screen and keeps going after a failing one, so that one run lists every
 * screen's problems; `assertClean()` at the end fails with all of them.
 */
export class A11yAudit {
  constructor(d, theme) {
    this.d = d;
    this.theme = theme;
    this.failures = [];
    this.checked = [];
    /** Moderate and minor findings: rule id → screens. Reported, not failed. */
    this.lesser = new Map();
  }

  /** Run axe on the window now, as screen `where`. */
  async check(where) {
    const name = `${where} (${this.theme})`;
    const violations = await axeViolations(this.d, name);
    const blocking = violations.filter((v) => BLOCKING.has(v.impact));
    for (const v of violations.filter((x) => !BLOCKING.has(x.impact))) {
      this.lesser.set(`${v.id} (${v.impact})`, [...(this.lesser.get(`${v.id} (${v.impact})`) ?? []), where]);
    }
    this.checked.push(name);
    // With TRESOR_SCREENSHOTS=DIR, a picture of each checked screen (focus left where it is).
    if (process.env.TRESOR_SCREENSHOTS) {
      const slug = where.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await this.d.screenshot(path.join(path.resolve(process.env.TRESOR_SCREENSHOTS), `a11y-${this.theme}-${slug}.png`));
    }
    if (blocking.length > 0) this.failures.push(`${name}:\n${describeViolations(blocking)}`);
  }

  /** The moderate and minor findings, one line per rule, for the test's diagnostics. */
  lesserFindings() {
    return [...this.lesser].map(([rule, where]) => `${rule}: ${where.join('; ')}`);
  }

  assertClean() {
    assert.ok(this.checked.length > 0, 'no screen was checked');
    assert.equal(
      this.failures.length,
      0,
      `serious or critical accessibility violations on ${this.failures.length} of ${this.checked.length} screens:\n\n${this.failures.join('\n\n')}`,
    );
  }
}
