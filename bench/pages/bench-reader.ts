/**
 * The real reader (`node apps/reader`, the compiled app) serving the benchmark's database on a
 * free local port, with map tiles pointed at the host the browser helpers answer with a stub.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type AppProcess } from '#test/processes.js';
import { TILE_HOST } from '../../test/browser/support/site.js';

/** A running reader. */
export interface BenchReader {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly process: AppProcess;
  stop(): Promise<void>;
}

/** Starts the reader on `databaseUrl`, its config file written into `dir`. */
export async function startBenchReader(databaseUrl: string, dir: string): Promise<BenchReader> {
  const configFile = join(dir, 'pages-bench.ini');
  writeFileSync(
    configFile,
    [
      '[server]',
      'bind = 127.0.0.1',
      'port = 0',
      '[site]',
      'title = MeshView page benchmark',
      'starting = /nodelist',
      `map_tile_url = http://${TILE_HOST}/{z}/{x}/{y}.png`,
      'map_top_left_lat = 39',
      'map_top_left_lon = -123',
      'map_bottom_right_lat = 36',
      'map_bottom_right_lon = -121',
      '[logging]',
      'level = info',
      '',
    ].join('\n'),
  );
  const reader = startApp('reader', ['--config', configFile], {
    name: 'reader (bench)',
    env: { MESHVIEW_DATABASE__CONNECTION_STRING: databaseUrl },
  });
  try {
    const listening = await reader.waitForLog(/^reader listening on /, 120_000);
    const origin = new URL(String(listening.address)).origin;
    return {
      origin,
      process: reader,
      stop: async () => {
        await reader.stop();
      },
    };
  } catch (error) {
    await reader.stop().catch(() => reader.kill('SIGKILL'));
    throw error;
  }
}
