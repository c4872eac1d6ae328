/**
 * axe-core, run inside the page: the accessibility rules the pages are held to (WCAG 2 A and
 * AA, and axe's best practices), failing on what axe rates serious or critical.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** One rule's violation, as {@link axeViolations} reports it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  /** Each offending element: its CSS selector and what to fix. */
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
}

/** The impacts that fail a test. */
const FAILING = new Set(['serious', 'critical']);

/**
 * Injects axe-core into `page` (once per document) and returns every violation it finds in the
 * document as it is now.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    // Evaluated over the DevTools protocol rather than added as a <script>: the reader's
    // Content-Security-Policy (`script-src 'self'`) refuses inline scripts, and rightly so.
    await page.evaluate(axe.source);
  }
  // A string, so that the test program needs no DOM types; it runs in the page.
  return page.evaluate<AxeViolation[]>(`
    window.axe.run(document, { resultTypes: ['violations'] }).then((results) =>
      results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' '),
          summary: (n.failureSummary ?? '').replace(/\\s*\\n\\s*/g, ' '),
        })),
      })),
    )
  `);
}

/** A violation's lines for a failure message: the rule, its impact, and each element. */
export function describeViolation(violation: AxeViolation): string {
  const elements = violation.nodes.map((n) => `    ${n.target}: ${n.summary}`);
  return [
    `  ${violation.id} (${violation.impact}): ${violation.help} (${violation.helpUrl})`,
    ...elements,
  ].join('\n');
}

/**
 * Runs axe in `page` and throws, listing them readably, if it finds any serious or critical
 * violation; `what` names the page and theme in the message.
 *
 * @example
 * await expectAccessible(page, 'node list, dark');
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const failing = (await axeViolations(page)).filter((v) => FAILING.has(v.impact ?? ''));
  if (failing.length === 0) return;
  throw new Error(
    `axe-core: ${failing.length} serious or critical problem(s) on ${what} (${page.url()}):\n` +
      failing.map(describeViolation).join('\n'),
  );
}
