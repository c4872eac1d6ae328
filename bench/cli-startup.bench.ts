/**
 * CLI and start-up (issue 17, item 3). Whole processes, as an operator or systemd runs them:
 * `meshview-migrate current` on an empty SQLite database, `upgrade head` on it, and `current` on
 * the result, against Kysely's own Migrator doing the same in the same run: its Migrator over
 * plain precompiled `.js` copies of the same revisions (each runs the statements our offline SQL
 * renders for it), run with plain `node`; each timed from a shell. Rounds alternate which goes first, on fresh files. Then
 * the writer's time to ready (on an empty database, which it migrates, and on one at head) and
 * the reader's time to listening. Target: the CLI at ≤ 0.5× Kysely's time (medians).
 *
 *   npm run bench:cli [-- --rounds 20]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp, writeAppConfig } from '#test/processes.js';
import { repoRoot } from '#test/tmp.js';
import { writeResults } from './results.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const ROUNDS = Number(args.rounds);
const WORK = join(repoRoot, 'bench', '.cache', 'cli-startup');
const BIN = join(repoRoot, 'apps', 'migrate', 'bin', 'meshview-migrate.js');
const KYSELY_RUNNER = join(WORK, 'kysely', 'kysely-migrate.mjs');

/**
 * Runs a whole process as an operator's shell does, and returns its wall time in ms: bash times
 * `node …` with `$EPOCHREALTIME` around it. Timing the spawn from this Node process instead added
 * its own fork (some 40–60 ms, growing with this process's memory) to both sides. Fails loudly on
 * a non-zero exit.
 */
function timed(argv: readonly string[], expectOut: RegExp): number {
  const out = join(WORK, 'timed.out');
  const result = spawnSync(
    'bash',
    [
      '-c',
      's=$EPOCHREALTIME; "$@" > "$OUT" 2>&1; code=$?; e=$EPOCHREALTIME; echo "$s $e $code"',
      'timed',
      process.execPath,
      ...argv,
    ],
    { encoding: 'utf8', env: { ...process.env, OUT: out } },
  );
  const [start, end, code] = result.stdout.trim().split(' ');
  const output = readFileSync(out, 'utf8');
  if (result.status !== 0 || code !== '0' || !expectOut.test(output)) {
    throw new Error(`${argv.join(' ')} exited ${code ?? result.status}: ${output}${result.stderr}`);
  }
  return (Number(end) - Number(start)) * 1000;
}

/** Kysely-format copies of our revisions: the statements our offline renderer gives each. */
function writeKyselyCopies(): string {
  const dir = join(WORK, 'kysely');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  const config = join(dir, 'offline.ini');
  writeFileSync(config, `[database]\nconnection_string = sqlite:///${join(dir, 'unused.db')}\n`);
  const offline = spawnSync(
    process.execPath,
    [BIN, '--config', config, 'upgrade', 'head', '--sql'],
    {
      encoding: 'utf8',
    },
  );
  if (offline.status !== 0) throw new Error(`offline SQL failed: ${offline.stderr}`);
  const blocks = offline.stdout.split(/^-- Running upgrade \S+ -> (\S+): .*$/m).slice(1);
  let last = '';
  for (let i = 0; i < blocks.length; i += 2) {
    const revision = blocks[i]!;
    const statements = blocks[i + 1]!.split(/;\s*$/m)
      .map((s) => s.replace(/^(--.*\n|\s)+/g, '').trim())
      .filter((s) => s !== '' && !/^(BEGIN|COMMIT|PRAGMA)\b/.test(s) && !/alembic_version/.test(s));
    last = `${String(i / 2).padStart(3, '0')}_${revision}`;
    writeFileSync(
      join(dir, 'migrations', `${last}.js`),
      "import { sql } from 'kysely';\n" +
        `const STATEMENTS = ${JSON.stringify(statements, null, 1)};\n` +
        // A look-up (SELECT) guards the statement after it, as in the revision.
        'export async function up(db) {\n' +
        '  for (let i = 0; i < STATEMENTS.length; i++) {\n' +
        '    const { rows } = await sql.raw(STATEMENTS[i]).execute(db);\n' +
        "    if (STATEMENTS[i].startsWith('SELECT') && rows.length > 0) i += 1;\n" +
        '  }\n' +
        '}\n',
    );
  }
  writeFileSync(
    KYSELY_RUNNER,
    `// Kysely's Migrator over the copies: \`current FILE\` or \`upgrade FILE\`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FileMigrationProvider, Kysely, Migrator, SqliteDialect } from 'kysely';

const [verb, file] = process.argv.slice(2);
const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(file) }) });
const migrator = new Migrator({
  db,
  provider: new FileMigrationProvider({
    fs,
    path,
    migrationFolder: new URL('./migrations', import.meta.url).pathname,
  }),
});
if (verb === 'current') {
  const done = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined);
  console.log(done.at(-1)?.name ?? '<base>');
} else {
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    console.error(error);
    process.exitCode = 1;
  }
  for (const r of results ?? []) console.log(r.status, r.migrationName);
}
await db.destroy();
`,
  );
  return last;
}

interface Series {
  readonly what: string;
  readonly ours: number[];
  readonly kysely: number[];
}

function stats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), min: sorted[0]! };
}

async function timeToLog(app: 'writer' | 'reader', config: string, line: RegExp): Promise<number> {
  const start = process.hrtime.bigint();
  const proc = startApp(app, ['--config', config]);
  await proc.waitForLog(line, 60_000);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await proc.stop(30_000);
  return ms;
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const kyselyHead = writeKyselyCopies();
  const head = /^([0-9a-f]{12}) \(head\)$/m;
  const series: Series[] = [
    { what: 'current (empty database)', ours: [], kysely: [] },
    { what: 'upgrade head (empty database)', ours: [], kysely: [] },
    { what: 'current (at head)', ours: [], kysely: [] },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    const dir = join(WORK, `round-${round}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const ours = () => {
      const file = join(dir, 'ours.db');
      writeFileSync(file, '');
      const config = join(dir, 'ours.ini');
      writeFileSync(config, `[database]\nconnection_string = sqlite:///${file}\n`);
      const cli = (...verb: string[]) => [BIN, '--config', config, ...verb];
      series[0]!.ours.push(timed(cli('current'), /^<base>/));
      series[1]!.ours.push(timed(cli('upgrade', 'head'), /the database is now at/));
      series[2]!.ours.push(timed(cli('current'), head));
    };
    const kysely = () => {
      const file = join(dir, 'kysely.db');
      writeFileSync(file, '');
      series[0]!.kysely.push(timed([KYSELY_RUNNER, 'current', file], /^<base>/));
      series[1]!.kysely.push(timed([KYSELY_RUNNER, 'upgrade', file], /Success/));
      series[2]!.kysely.push(timed([KYSELY_RUNNER, 'current', file], new RegExp(kyselyHead)));
    };
    for (const run of round % 2 === 0 ? [ours, kysely] : [kysely, ours]) run();
    rmSync(dir, { recursive: true, force: true });
  }

  // The apps' start-up: the writer on an empty database (it migrates it) and at head, the reader.
  const apps = {
    writer_empty: [] as number[],
    writer_at_head: [] as number[],
    reader: [] as number[],
  };
  for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 4)); round++) {
    const dir = join(WORK, `apps-${round}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const config = writeAppConfig(dir, {
      connectionString: `sqlite:///${join(dir, 'packets.db')}`,
      logLevel: 'info',
    });
    apps.writer_empty.push(await timeToLog('writer', config, /^writer ready$/));
    apps.writer_at_head.push(await timeToLog('writer', config, /^writer ready$/));
    apps.reader.push(await timeToLog('reader', config, /^reader listening on /));
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = series.map(({ what, ours, kysely }) => {
    const o = stats(ours);
    const k = stats(kysely);
    const ratio = o.median / k.median;
    return {
      what,
      ours_ms: { median: round1(o.median), p90: round1(o.p90), min: round1(o.min) },
      kysely_ms: { median: round1(k.median), p90: round1(k.p90), min: round1(k.min) },
      ratio: Math.round(ratio * 100) / 100,
      target: '≤ 0.5',
      met: ratio <= 0.5,
    };
  });
  const startup = Object.fromEntries(
    Object.entries(apps).map(([name, values]) => {
      const s = stats(values);
      return [name, { median_ms: round1(s.median), p90_ms: round1(s.p90), runs: values.length }];
    }),
  );

  process.stdout.write(
    `\nCLI, whole process (SQLite, ${ROUNDS} rounds, medians; p90 in brackets)\n` +
      `${'what'.padEnd(32)}${'meshview-migrate'.padStart(20)}${'Kysely Migrator'.padStart(20)}${'ratio'.padStart(8)}  target\n` +
      rows
        .map(
          (r) =>
            `${r.what.padEnd(32)}${`${r.ours_ms.median} (${r.ours_ms.p90}) ms`.padStart(20)}` +
            `${`${r.kysely_ms.median} (${r.kysely_ms.p90}) ms`.padStart(20)}${r.ratio.toFixed(2).padStart(8)}  ${r.target} ${r.met ? 'met' : 'MISSED'}`,
        )
        .join('\n') +
      `\n\nApps, spawn to ready (medians)\n` +
      Object.entries(startup)
        .map(
          ([name, s]) =>
            `${name.padEnd(32)}${`${s.median_ms} ms`.padStart(12)}  (p90 ${s.p90_ms} ms, ${s.runs} runs)`,
        )
        .join('\n') +
      '\n',
  );
  const file = writeResults('cli-startup', {
    method:
      'whole processes; each round on fresh SQLite files, alternating which tool goes first; ' +
      "Kysely's Migrator over .js copies of the same revisions (the statements our offline SQL " +
      'renders), plain node; apps timed from spawn to their ready log line',
    rounds: ROUNDS,
    cli: rows,
    apps: startup,
  });
  process.stdout.write(`\nwrote ${file}\n`);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

await main();
