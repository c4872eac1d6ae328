/**
 * `npm run demo` as a new user runs it: the script from the build, its printed address, a mesh
 * with history and live traffic behind it, and nothing left behind after Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#test/free-port.js';
import { repoRoot } from '#test/tmp.js';

interface Packet {
  readonly id: number;
  readonly import_time_us: number;
}

/** Reads `url` as JSON, failing on any status but 200. */
async function json<T>(url: string): Promise<T> {
  const answer = await fetch(url);
  expect(answer.status, url).toBe(200);
  return (await answer.json()) as T;
}

/** Waits until `pattern` matches what `child` printed; its first group. */
async function printed(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
  ms: number,
): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match[1]!;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the demo did not print ${String(pattern)}; it printed:\n${output()}`);
    }
    await sleep(100);
  }
}

describe('npm run demo', () => {
  let demo: ChildProcess | undefined;
  afterAll(() => {
    if (demo?.exitCode === null) demo.kill('SIGKILL');
  });

  it('serves a simulated mesh with history and live traffic, and cleans up on Ctrl-C', async () => {
    const port = await freePort();
    demo = spawn(
      process.execPath,
      [join(repoRoot, 'scripts/demo.js'), '--seed', '2', '--port', `${port}`],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    demo.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    demo.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) =>
      demo!.on('exit', (code) => resolve(code)),
    );

    const folder = await printed(demo, () => output, /nodes \(seed 2\), in (\S+)/, 60_000);
    expect(existsSync(join(folder, 'config.ini'))).toBe(true);
    const url = await printed(demo, () => output, /Open (http:\/\/\S+) in a browser/, 180_000);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    // Everything stored before this moment is history; what comes later came over MQTT.
    const liveFromUs = Date.now() * 1000;

    const { nodes } = await json<{ nodes: { last_lat: number | null; channel: string }[] }>(
      `${url}api/nodes`,
    );
    expect(nodes.length).toBeGreaterThan(25);
    expect(nodes.filter((n) => n.last_lat !== null).length).toBeGreaterThan(20);
    expect(new Set(nodes.map((n) => n.channel))).toEqual(new Set(['LongFast', 'Hikers']));
    const positions = await json<{ packets: Packet[] }>(`${url}api/packets?portnum=3&limit=100`);
    expect(positions.packets).toHaveLength(100);
    const texts = await json<{ packets: Packet[] }>(`${url}api/packets?portnum=1&limit=100`);
    expect(texts.packets.length).toBeGreaterThan(20);
    const traceroutes = await json<{ packets: Packet[] }>(`${url}api/packets?portnum=70&limit=10`);
    expect(traceroutes.packets.length).toBeGreaterThan(0);
    const route = await json<{ traceroute_packets: unknown[] }>(
      `${url}api/traceroute/${traceroutes.packets[0]!.id}`,
    );
    expect(route.traceroute_packets.length).toBeGreaterThan(0);

    // Live traffic: about a packet a second, over the writer's embedded broker.
    let live: Packet[] = [];
    for (let tries = 0; live.length === 0 && tries < 120; tries++) {
      await sleep(500);
      live = (await json<{ packets: Packet[] }>(`${url}api/packets?since=${liveFromUs}&limit=10`))
        .packets;
    }
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((p) => p.import_time_us > liveFromUs)).toBe(true);

    demo.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('removed the demo folder');
    expect(existsSync(folder)).toBe(false);
  }, 300_000);
});
