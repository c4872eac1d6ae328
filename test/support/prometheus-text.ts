/** One sample of a scrape: a metric name, its labels and its value. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family: its `# TYPE`, `# HELP` and samples. */
export interface PromFamily {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  readonly help: string;
  readonly samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, readonly string[]> = {
  counter: ['_total', ''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * A strict parser of Prometheus' text exposition format 0.0.4, for tests: every line must be a
 * `# HELP`, a `# TYPE` (before its samples, once per family), another comment, blank, or a sample
 * of the family last typed whose name is the family's plus a suffix its type allows; label
 * values must be escaped as the format says; values are floats, NaN or ±Inf (in any case, as Prometheus' Go parser takes them); a histogram's
 * buckets must rise and end with `le="+Inf"` equal to its `_count`. Throws on anything else,
 * naming the line.
 */
export function parsePrometheusText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  let current: PromFamily | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('the exposition must end with a newline');
  lines.forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!match) return; // another comment
      const [, kind, name, rest] = match as unknown as [string, string, string, string];
      if (!NAME.test(name)) fail('bad metric name');
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) fail('unknown type');
        const existing = families.get(name);
        if (existing && existing.samples.length > 0) fail('TYPE after samples or twice');
        current = {
          name,
          type: rest as PromFamily['type'],
          help: existing?.help ?? '',
          samples: [],
        };
        families.set(name, current);
      } else {
        const existing = families.get(name);
        const family = existing ?? { name, type: 'untyped', help: '', samples: [] };
        families.set(name, { ...family, help: rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\') });
        if (current?.name === name) current = families.get(name);
      }
      return;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (!sample) return fail('not a sample');
    const [, name, , labelText, valueText] = sample as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    if (!current) return fail('a sample before any TYPE');
    const suffix = name.slice(current.name.length);
    if (!name.startsWith(current.name) || !SUFFIXES[current.type]!.includes(suffix)) {
      fail(`not a sample of ${current.type} ${current.name}`);
    }
    const value = parseValue(valueText) ?? fail('bad value');
    current.samples.push({ name, labels: parseLabels(labelText ?? '', fail), value });
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/**
 * A value as Prometheus reads it (Go's `strconv.ParseFloat`): NaN and Inf in any case, which
 * matters: prom-client writes NaN as `Nan` (an event-loop lag not measured yet).
 */
function parseValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return NaN;
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = /^([^=]+)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
    if (!match) fail('bad labels');
    const [whole, name, raw] = match as unknown as [string, string, string];
    if (!LABEL_NAME.test(name) || name in labels) fail(`bad or repeated label ${name}`);
    labels[name] = raw.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}

function checkHistogram(family: PromFamily): void {
  const series = new Map<string, PromSample[]>();
  for (const sample of family.samples) {
    const { le, ...others } = sample.labels;
    const key = JSON.stringify(others);
    if (!series.has(key)) series.set(key, []);
    if (sample.name.endsWith('_bucket') && le === undefined) {
      throw new Error(`${family.name}: a bucket without le`);
    }
    series.get(key)!.push(sample);
  }
  for (const [key, samples] of series) {
    const buckets = samples.filter((s) => s.name.endsWith('_bucket'));
    const count = samples.find((s) => s.name.endsWith('_count'));
    if (buckets.at(-1)?.labels.le !== '+Inf' || count === undefined) {
      throw new Error(`${family.name}${key}: no +Inf bucket or no _count`);
    }
    for (let i = 1; i < buckets.length; i++) {
      if (buckets[i]!.value < buckets[i - 1]!.value) {
        throw new Error(`${family.name}${key}: buckets do not rise`);
      }
    }
    if (buckets.at(-1)!.value !== count.value) {
      throw new Error(`${family.name}${key}: the +Inf bucket is not the count`);
    }
  }
}

/** The value of the sample `name` whose labels include `labels`; undefined when none. */
export function sampleValue(
  families: Map<string, PromFamily>,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (
        sample.name === name &&
        Object.entries(labels).every(([k, v]) => sample.labels[k] === v)
      ) {
        return sample.value;
      }
    }
  }
  return undefined;
}

/** Fetches and parses `/metrics` at `url`. */
export async function scrape(url: string): Promise<Map<string, PromFamily>> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/plain') || !type.includes('version=0.0.4')) {
    throw new Error(`${url}: content-type ${type}`);
  }
  return parsePrometheusText(await response.text());
}

/**
 * The metric families `docs/grafana-dashboard.json`'s queries name with `prefix`, without the
 * histogram suffixes: for checking that the sample dashboard shows what the apps serve.
 */
export function dashboardMetricNames(dashboardJson: string, prefix: string): string[] {
  const names = dashboardJson.match(new RegExp(`${prefix}[a-z_]+`, 'g')) ?? [];
  return [...new Set(names.map((name) => name.replace(/_(bucket|sum|count)$/, '')))].sort();
}
