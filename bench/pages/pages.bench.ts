/**
 * Page benchmark (issue 13): the real reader serving the built web app over a database of
 * 10,000 nodes and 1,000,000 packets (SQLite; built once into bench/.cache/, its clock moved to
 * now on each run), opened in headless Chromium (CHROMIUM_PATH, the browser tests' flags; map
 * tiles answered by a local stub). It measures:
 *
 * - how long /nodelist, /map and a busy /node/{id} take to show their content: from the start of
 *   the navigation to the first frame in which a stated number of rows or markers is there
 *   (content-ready.ts), with a cold cache (a fresh browser context) and a warm one (the next
 *   page in the same context), over several runs whose inputs vary (other views of the list,
 *   other busy nodes, other places on the map);
 * - the p95 frame time of a scripted pan and zoom on the map (map-gestures.ts);
 * - /nodegraph over a smaller database of its own (2,000 nodes; the links of a week, about 5,000,
 *   `--graph-packets` sets how many packets make them): its content time and the p95 frame time
 *   of the same scripted drag and zoom on its canvas;
 * - each page's gzipped JavaScript and CSS as the build's page-weight gate counted it
 *   (apps/web/dist/page-weights.json).
 *
 *   npm run bench:pages -- [--runs 5] [--only nodelist,node,map] [--nodes 10000] [--packets 1000000]
 *
 * Prints a table and writes bench/results/pages.json. The targets: content in ≤ 1.5 s (median),
 * p95 frame ≤ 50 ms, no page over 300 KB.
 */
import { cpus, loadavg, platform, release } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PAGES } from '@meshview/api/pages';
import { launchChromium, chromiumSkipReason } from '../../test/browser/support/chromium.js';
import { PageProbe, describeProblem } from '../../test/browser/support/page-probe.js';
import { percentile } from '../reader-load.js';
import {
  contentShownMs,
  describeCondition,
  timeBreakdown,
  watchContent,
  type ContentCondition,
  type TimeBreakdown,
} from './content-ready.js';
import { DEFAULT_SPEC, GRAPH_NODES_SHOWN, GRAPH_SPEC, pagesDatabase } from './generate-database.js';
import { panAndZoom } from './map-gestures.js';
import { drawnGraph, graphDrawTimes } from './drawn-graph.js';
import { cpuBetween, cpuMs, processTree } from './process-cpu.js';
import { startBenchReader, type BenchReader } from './bench-reader.js';
import { warmDatabase } from '../file-cache.js';
import { shiftClock } from './shift-clock.js';
import { writeResults } from '../results.js';
import { cpuTicks, formatSteal, stealShare } from '../steal.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    nodes: { type: 'string', default: String(DEFAULT_SPEC.nodes) },
    packets: { type: 'string', default: String(DEFAULT_SPEC.packets) },
    'graph-packets': { type: 'string', default: String(GRAPH_SPEC.packets) },
  },
});
const RUNS = Number(args.runs);
const ONLY = args.only?.split(',');
const spec = { ...DEFAULT_SPEC, nodes: Number(args.nodes), packets: Number(args.packets) };
const graphSpec = { ...GRAPH_SPEC, packets: Number(args['graph-packets']) };
/** Whether `--only` (none: every page) selects the page named `name`. */
const wanted = (name: string) => ONLY === undefined || ONLY.some((o) => name.includes(o));
/** The pages served from the big database. */
const MAIN_PAGES = ['/nodelist', '/node/{busy id}', '/map'];

/** Issue 13's targets. */
const TARGET_CONTENT_MS = 1500;
const TARGET_FRAME_MS = 50;
const VIEWPORT = { width: 1280, height: 800 };

/** One page the benchmark opens: its URLs (cycled through by the runs) and when it is shown. */
interface BenchPage {
  readonly name: string;
  readonly pattern: string;
  readonly urls: readonly string[];
  readonly condition: ContentCondition;
  /** The database it is served from: the big one, or /nodegraph's own. */
  readonly site?: 'main' | 'graph';
}

/** One measured navigation. */
interface Sample extends TimeBreakdown {
  readonly url: string;
  readonly cache: 'cold' | 'warm';
  readonly ms: number;
  /** CPU time the browser's processes used until the content showed. */
  readonly browserCpuMs: number;
  /** CPU time the reader used meanwhile. */
  readonly readerCpuMs: number;
}

if (chromiumSkipReason) {
  console.error(`bench:pages needs Chromium: ${chromiumSkipReason}`);
  process.exit(1);
}
const weightsFile = join(ROOT, 'apps/web/dist/page-weights.json');
if (!existsSync(weightsFile)) {
  console.error(`no ${weightsFile}: build the web app first (npm run build)`);
  process.exit(1);
}
const weights = JSON.parse(readFileSync(weightsFile, 'utf8')) as {
  limitBytes: number;
  pages: { page: string; jsGzipBytes: number; cssGzipBytes: number; totalGzipBytes: number }[];
};

const log = (line: string) => console.log(line);
const loadBefore = loadavg();
const cacheDir = join(ROOT, 'bench/.cache');
/** A cached database of `of`, its clock moved to now. */
const databaseOf = async (of: typeof spec) => {
  const built = await pagesDatabase(
    join(cacheDir, `pages-${of.nodes}n-${of.packets}p.db`),
    of,
    log,
  );
  const moved = shiftClock(built.path, Date.now() * 1000);
  log(
    moved.offsetUs === 0
      ? 'clock already current'
      : `clock moved by ${(moved.offsetUs / 3_600_000_000).toFixed(0)} h in ${moved.seconds.toFixed(0)} s`,
  );
  return { database: built, shift: moved };
};
// Only what the chosen pages need: `--only nodegraph` never builds the big database.
const main = MAIN_PAGES.some(wanted) ? await databaseOf(spec) : null;
const graph = wanted('/nodegraph') ? await databaseOf(graphSpec) : null;
const database = main?.database;
const shift = main?.shift ?? null;

const busyNodes = database ? database.mesh.busy.map((i) => database.mesh.nodes[i]!.num) : [];
const has = (pattern: string) => PAGES.some((p) => p.path === pattern);
const pages: BenchPage[] = [
  {
    name: '/nodelist',
    pattern: '/nodelist',
    urls: [
      '/nodelist',
      '/nodelist?sort=long_name&dir=asc',
      '/nodelist?channel=LongFast',
      '/nodelist?role=CLIENT&sort=hw_model&dir=asc',
      '/nodelist?days=7&sort=short_name&dir=asc',
    ],
    condition: { page: 'nodelist', rows: 12 },
  },
  {
    name: '/node/{busy id}',
    pattern: '/node/:id',
    urls: busyNodes.map((num) => `/node/${num}`),
    condition: { page: 'node', rows: 50, charts: 9 },
  },
  {
    name: '/map',
    pattern: '/map',
    urls: [
      '/map',
      '/map?lat=37.7749&lng=-122.4194&zoom=12',
      '/map?lat=38.5816&lng=-121.4944&zoom=11',
      '/map?lat=37.3382&lng=-121.8863&zoom=10',
      '/map?lat=37.8&lng=-122.3&zoom=9',
    ],
    condition: { page: 'map', markers: 20 },
  },
  {
    name: '/nodegraph',
    pattern: '/nodegraph',
    // Three days: about 5,000 links of the 2,000 nodes (the week holds about 8,000).
    urls: ['/nodegraph?hours=72'],
    condition: { page: 'nodegraph', nodes: GRAPH_NODES_SHOWN },
    site: 'graph',
  },
];
const selected = pages.filter((p) => wanted(p.name));

const readers = {
  main: database ? await startBenchReader(database.url, cacheDir) : null,
  graph: graph ? await startBenchReader(graph.database.url, cacheDir) : null,
};
const chromium = await launchChromium();
const chromiumVersion = chromium.browser.version();
/** The CPU time so far of `reader`'s processes, and of the browser's (ours but the readers). */
const cpuNow = (reader: BenchReader) => {
  const readerPid = reader.process.pid;
  const readerTree = new Set(processTree(readerPid));
  const others = new Set(
    Object.values(readers).flatMap((r) => (r ? processTree(r.process.pid) : [])),
  );
  const browserTree = processTree(process.pid).filter(
    (pid) => pid !== process.pid && !readerTree.has(pid) && !others.has(pid),
  );
  return { reader: cpuMs([...readerTree]), browser: cpuMs(browserTree) };
};
const results: Record<string, unknown>[] = [];
let frameTimes: number[] = [];
let graphFrameTimes: number[] = [];
let graphDrawMs: number[] = [];
/** The graph's size as its page drew it (nodes and lines). */
let graphDrawn: { nodes: number; lines: number; links: number } | null = null;
try {
  for (const page of selected) {
    const reader = readers[page.site ?? 'main']!;
    if (!has(page.pattern)) {
      log(`${page.name}: not in this build yet (PAGES lacks ${page.pattern}): pending`);
      results.push({ page: page.name, pending: true });
      continue;
    }
    const samples: Sample[] = [];
    const problems = new Set<string>();
    const ticks = cpuTicks();
    // Each page reads from a database held in the file cache (see ../file-cache.ts).
    await warmDatabase((page.site === 'graph' ? graph!.database : database!).url);
    for (let run = 0; run < RUNS; run += 1) {
      // A fresh context has an empty cache: the first page is cold, the next one warm.
      const context = await chromium.browser.newContext({
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        colorScheme: 'light',
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      const probe = await PageProbe.attach(context, reader.origin);
      try {
        for (const cache of ['cold', 'warm'] as const) {
          const url = page.urls[(run + (cache === 'warm' ? 1 : 0)) % page.urls.length]!;
          const tab = await context.newPage();
          await watchContent(tab, page.condition);
          const cpuBefore = cpuNow(reader);
          await tab.goto(reader.origin + url, { waitUntil: 'commit' });
          const ms = await contentShownMs(tab).catch(async (error: unknown) => {
            const shot = join(
              ROOT,
              'test-results',
              `bench-pages-timeout-${page.pattern.replace(/\W+/g, '-')}.png`,
            );
            await tab.screenshot({ path: shot });
            const seen = probe.problems.map(describeProblem).join('\n  ');
            throw new Error(
              `${url} did not show its content (${describeCondition(page.condition)}); screenshot ${shot}` +
                (seen ? `; problems:\n  ${seen}` : ''),
              { cause: error },
            );
          });
          const cpuAfter = cpuNow(reader);
          samples.push({
            url,
            cache,
            ms,
            ...(await timeBreakdown(tab, ms)),
            browserCpuMs: cpuBetween(cpuBefore.browser, cpuAfter.browser),
            readerCpuMs: cpuBetween(cpuBefore.reader, cpuAfter.reader),
          });
          if (page.pattern === '/map' && cache === 'cold') {
            frameTimes = frameTimes.concat(await panAndZoom(tab));
          }
          if (page.pattern === '/nodegraph' && cache === 'cold') {
            graphDrawn = await drawnGraph(tab);
            graphFrameTimes = graphFrameTimes.concat(await panAndZoom(tab, '[data-graph-state]'));
            graphDrawMs = graphDrawMs.concat(await graphDrawTimes(tab));
          }
          await tab.close();
        }
      } finally {
        for (const problem of probe.problems) problems.add(describeProblem(problem));
        await context.close();
      }
    }
    const summary = (cache: 'cold' | 'warm') => {
      const these = samples.filter((s) => s.cache === cache);
      const ms = these.map((s) => s.ms);
      return {
        median: percentile(ms, 50),
        p95: percentile(ms, 95),
        runs: ms.length,
        // Where the median run's time went: scripts and styles in, API answers in, then the page.
        assetsMedian: percentile(
          these.map((s) => s.assetsMs),
          50,
        ),
        apiMedian: percentile(
          these.map((s) => s.apiMs),
          50,
        ),
        // What the page cost, whatever else ran: CPU time of the browser and of the reader.
        browserCpuMedian: percentile(
          these.map((s) => s.browserCpuMs),
          50,
        ),
        readerCpuMedian: percentile(
          these.map((s) => s.readerCpuMs),
          50,
        ),
      };
    };
    const result = {
      page: page.name,
      condition: describeCondition(page.condition),
      cold: summary('cold'),
      warm: summary('warm'),
      samples,
      problems: [...problems],
      // The hypervisor's share of the machine's CPU time while this page was measured.
      steal_percent: stealShare(ticks, cpuTicks()),
    };
    results.push(result);
    log(
      `${page.name}: cold median ${result.cold.median.toFixed(0)} ms (p95 ${result.cold.p95.toFixed(0)}), ` +
        `warm median ${result.warm.median.toFixed(0)} ms (p95 ${result.warm.p95.toFixed(0)}); ` +
        `median cold run: scripts in at ${result.cold.assetsMedian.toFixed(0)} ms, ` +
        `API answers in at ${result.cold.apiMedian.toFixed(0)} ms; CPU used: browser ` +
        `${result.cold.browserCpuMedian.toFixed(0)} ms, reader ${result.cold.readerCpuMedian.toFixed(0)} ms ` +
        `(steal ${formatSteal(result.steal_percent)})` +
        (problems.size > 0
          ? `; ${problems.size} problem(s) on the page:\n  ${[...problems].join('\n  ')}`
          : ''),
    );
  }
} finally {
  await chromium.close();
  await readers.main?.stop();
  await readers.graph?.stop();
}

const frameSummary = (times: number[]) =>
  times.length === 0
    ? null
    : {
        count: times.length,
        median: percentile(times, 50),
        p95: percentile(times, 95),
        max: Math.max(...times),
      };
const frames = frameSummary(frameTimes);
const graphFrames = frameSummary(graphFrameTimes);
const graphDraws = frameSummary(graphDrawMs);
const loadAfter = loadavg();

console.log(
  `\npages (${RUNS} runs each; median / p95 ms until the content shows; target ≤ ${TARGET_CONTENT_MS} ms)`,
);
console.log(
  'page                cold median  cold p95  warm median  warm p95  target  ' +
    'CPU ms browser/reader (cold median)  shown when',
);
for (const r of results) {
  if ('pending' in r) {
    console.log(`${String(r.page).padEnd(20)}pending: the page is not in this build`);
    continue;
  }
  const { cold, warm, condition } = r as {
    cold: { median: number; p95: number; browserCpuMedian: number; readerCpuMedian: number };
    warm: { median: number; p95: number };
    condition: string;
  };
  const cpu = `${cold.browserCpuMedian.toFixed(0)}/${cold.readerCpuMedian.toFixed(0)}`;
  const verdict =
    cold.median <= TARGET_CONTENT_MS && warm.median <= TARGET_CONTENT_MS ? 'met' : 'MISSED';
  console.log(
    `${String(r.page).padEnd(20)}${cold.median.toFixed(0).padStart(11)}${cold.p95.toFixed(0).padStart(10)}` +
      `${warm.median.toFixed(0).padStart(13)}${warm.p95.toFixed(0).padStart(10)}  ${verdict.padEnd(6)}  ${cpu.padStart(35)}  ${condition}`,
  );
}
console.log(
  frames === null
    ? '\nmap pan and zoom: not measured (no /map in this build)'
    : `\nmap pan and zoom: ${frames.count} frames, median ${frames.median.toFixed(1)} ms, ` +
        `p95 ${frames.p95.toFixed(1)} ms (target ≤ ${TARGET_FRAME_MS} ms: ${frames.p95 <= TARGET_FRAME_MS ? 'met' : 'MISSED'}), max ${frames.max.toFixed(0)} ms`,
);
console.log(
  graphFrames === null
    ? 'nodegraph drag and zoom: not measured (not selected, or no /nodegraph in this build)'
    : `nodegraph drag and zoom (${graphDrawn?.nodes ?? '?'} nodes, ${graphDrawn?.links ?? '?'} links ` +
        `as ${graphDrawn?.lines ?? '?'} lines): ${graphFrames.count} frames, median ${graphFrames.median.toFixed(1)} ms, ` +
        `p95 ${graphFrames.p95.toFixed(1)} ms (target ≤ ${TARGET_FRAME_MS} ms: ${graphFrames.p95 <= TARGET_FRAME_MS ? 'met' : 'MISSED'}), max ${graphFrames.max.toFixed(0)} ms` +
        (graphDraws === null
          ? ''
          : `; drawing a frame alone: median ${graphDraws.median.toFixed(1)} ms, p95 ${graphDraws.p95.toFixed(1)} ms`),
);
console.log(`\npage weights (gzipped, 1 KB = 1000 bytes; limit ${weights.limitBytes / 1000} KB)`);
for (const w of weights.pages) {
  console.log(
    `${w.page.padEnd(20)}JS ${(w.jsGzipBytes / 1000).toFixed(1).padStart(6)} KB  CSS ${(w.cssGzipBytes / 1000).toFixed(1).padStart(5)} KB  total ${(w.totalGzipBytes / 1000).toFixed(1).padStart(6)} KB`,
  );
}
const described = [
  database && { of: spec, built: database },
  graph && { of: graphSpec, built: graph.database },
]
  .filter((d) => d !== null && d !== undefined)
  .map(
    (d) =>
      `${d.of.nodes} nodes, ${d.of.packets} packets, SQLite; first build ${d.built.buildSeconds.toFixed(0)} s` +
      (d.built.built ? ' (this run)' : ' (cached)'),
  );
console.log(
  `\ndatabase: ${described.join('; ')}; machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
    `Node ${process.version}, load average ${loadBefore[0]!.toFixed(1)} → ${loadAfter[0]!.toFixed(1)}`,
);

writeResults(
  'pages',
  {
    database: database
      ? {
          ...spec,
          engine: 'sqlite',
          buildSeconds: database.buildSeconds,
          built: database.built,
        }
      : null,
    graphDatabase: graph
      ? {
          ...graphSpec,
          engine: 'sqlite',
          buildSeconds: graph.database.buildSeconds,
          built: graph.database.built,
          drawn: graphDrawn,
        }
      : null,
    clockShift: shift,
    viewport: VIEWPORT,
    runs: RUNS,
    targets: {
      contentMs: TARGET_CONTENT_MS,
      frameP95Ms: TARGET_FRAME_MS,
      pageKb: weights.limitBytes / 1000,
    },
    pages: results,
    mapFrames: frames,
    nodegraphFrames: graphFrames,
    nodegraphDrawMs: graphDraws,
    weights: weights.pages,
  },
  {
    platform: `${platform()} ${release()}`,
    chromium: chromiumVersion,
    loadAverage: { before: loadBefore, after: loadAfter },
  },
);
log('\nwrote bench/results/pages.json');
