/**
 * What went wrong while a browser context showed the site: console errors, uncaught exceptions,
 * failed requests, 4xx/5xx answers and requests that left the site. Map tiles are routed to a
 * local stub and are never a problem.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Request, Route } from 'playwright-core';
import { TILE_HOST } from './site.js';

/** One thing that went wrong. */
export interface PageProblem {
  readonly kind: 'console' | 'page-error' | 'request-failed' | 'http' | 'external';
  /** The URL concerned: the request's, or the script's that logged or threw. */
  readonly url: string;
  readonly text: string;
}

/** A grey 1×1 PNG: every map tile. */
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4e/cuAAUyApjDDfqPAAAAAElFTkSuQmCC',
  'base64',
);

/**
 * Collects the problems of every page of a browser context. Attach it before the first
 * navigation: it also routes the context's requests (tiles to the stub, anything else off the
 * site refused and recorded, since the pages load nothing from a CDN or any other host).
 */
export class PageProbe {
  readonly problems: PageProblem[] = [];
  /** The map tiles the pages asked for (answered by the stub). */
  readonly tileRequests: string[] = [];

  readonly #siteOrigin: string;
  /** Requests sent and not yet answered (or failed). */
  #inFlight = 0;
  #lastActivity = Date.now();

  private constructor(siteOrigin: string) {
    this.#siteOrigin = siteOrigin;
  }

  /** Starts watching `context`, whose pages show the site at `siteOrigin`. */
  static async attach(context: BrowserContext, siteOrigin: string): Promise<PageProbe> {
    const probe = new PageProbe(siteOrigin);
    await context.route(
      (url) => url.origin !== siteOrigin,
      (route) => probe.#routeOffSite(route),
    );
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      probe.problems.push({ kind: 'console', url: message.location().url, text: message.text() });
    });
    context.on('weberror', (error) => {
      const thrown = error.error();
      probe.problems.push({
        kind: 'page-error',
        url: error.page()?.url() ?? '',
        text: thrown.stack ?? thrown.message,
      });
    });
    context.on('request', (request) => {
      if (!isEventStream(request)) probe.#activity(+1);
    });
    context.on('requestfinished', (request) => {
      if (!isEventStream(request)) probe.#activity(-1);
    });
    context.on('requestfailed', (request) => {
      if (!isEventStream(request)) probe.#activity(-1);
      probe.#onRequestFailed(request);
    });
    context.on('response', (response) => {
      if (response.status() < 400) return;
      probe.problems.push({
        kind: 'http',
        url: response.url(),
        text: `${response.status()} ${response.statusText()}`,
      });
    });
    return probe;
  }

  /** Forgets what was collected so far (e.g. after a step that was expected to fail). */
  clear(): void {
    this.problems.length = 0;
  }

  /**
   * Resolves once no request of the context has been in flight for `quietMs`: after a click that
   * makes the page fetch, before axe or a screenshot. (Locators wait for what they look for by
   * themselves; this is for checks of the whole page.) An event stream (`EventSource`) stays
   * open as long as its page and never counts, as with Playwright's `networkidle`. Rejects
   * after `timeoutMs`.
   *
   * @example
   * await page.getByRole('checkbox', { name: 'Gateways only' }).check();
   * await probe.networkQuiet();
   * await expectAccessible(page, 'node list, gateways only');
   */
  async networkQuiet({ quietMs = 500, timeoutMs = 30_000 } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight > 0 || Date.now() - this.#lastActivity < quietMs) {
      if (Date.now() > deadline) {
        throw new Error(
          `the page's network was not quiet for ${quietMs} ms within ${timeoutMs} ms`,
        );
      }
      await sleep(50);
    }
  }

  #activity(change: number): void {
    this.#inFlight = Math.max(0, this.#inFlight + change);
    this.#lastActivity = Date.now();
  }

  #routeOffSite(route: Route): Promise<void> {
    const url = route.request().url();
    if (new URL(url).host === TILE_HOST) {
      this.tileRequests.push(url);
      return route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG });
    }
    this.problems.push({ kind: 'external', url, text: 'a request to another host than the site' });
    return route.abort('blockedbyclient');
  }

  #onRequestFailed(request: Request): void {
    const url = request.url();
    // Refused off-site requests are already recorded as `external`.
    if (!url.startsWith(this.#siteOrigin)) return;
    const reason = request.failure()?.errorText ?? 'failed';
    // A request cancelled by a navigation or by the app (an AbortController when the visitor
    // moves on) did not fail.
    if (reason === 'net::ERR_ABORTED') return;
    this.problems.push({ kind: 'request-failed', url, text: reason });
  }
}

/** Whether a request is an `EventSource`'s: open for as long as its page, by design. */
function isEventStream(request: Request): boolean {
  return request.resourceType() === 'eventsource';
}

/** One line per problem: `<kind> <url>: <text>`; what `allow` patterns are matched against. */
export function describeProblem(problem: PageProblem): string {
  return `${problem.kind} ${problem.url}: ${problem.text}`;
}

/**
 * A pattern for {@link expectNoProblems}' `allow` that matches every problem about exactly `url`
 * (its 404 answer and the console line Chromium logs for it).
 */
export function allowUrl(url: string): RegExp {
  return new RegExp(` ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `);
}

/**
 * Throws, listing them, if the probe saw problems other than those an `allow` pattern matches
 * (patterns are tested against {@link describeProblem}'s line).
 *
 * @example
 * expectNoProblems(probe, { allow: [allowUrl(site.url('/no/such/page'))] });
 */
export function expectNoProblems(
  probe: PageProbe,
  { allow = [] }: { readonly allow?: readonly RegExp[] } = {},
): void {
  const left = probe.problems
    .map(describeProblem)
    .filter((line) => !allow.some((pattern) => pattern.test(line)));
  if (left.length === 0) return;
  throw new Error(`the page had ${left.length} problem(s):\n  ${left.join('\n  ')}`);
}
