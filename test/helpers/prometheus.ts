/**
 * The real Prometheus server, for tests that load generated rules into it. Like promtool: without
 * the binary they skip with a visible message, unless OBS_REQUIRE_PROMTOOL=1 (CI), where they fail.
 * Servers listen on 127.0.0.1 only, on a free port.
 */
import { rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { findTool, toolSkipReason } from './promtool.ts';

export interface PrometheusInfo {
  readonly path: string;
  /** e.g. "2.42" */
  readonly version: string;
}

let cached: PrometheusInfo | null | undefined;

export function findPrometheus(): PrometheusInfo | null {
  if (cached === undefined) cached = findTool([process.env.OBS_PROMETHEUS, '/usr/bin/prometheus', 'prometheus']);
  return cached;
}

/** A reason to skip, or undefined when the server binary is usable. Throws when required (OBS_REQUIRE_PROMTOOL=1) but missing. */
export function prometheusSkipReason(): string | undefined {
  return toolSkipReason(findPrometheus() !== null, 'prometheus server not found (apt-get install -y prometheus); skipping tests that load rules into a real Prometheus');
}

/** A TCP port on 127.0.0.1 that was free a moment ago (bind :0, read the port, close). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningPrometheus {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** stdout and stderr of the server so far, for failure messages. */
  log(): string;
  /** Stops this server (lifecycle quit, then SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly configFile: string;
  readonly dataDir: string;
  readonly port: number;
  /** How long to wait for /-/ready (ms). */
  readonly readyTimeoutMs?: number;
  /** More server flags, e.g. `--rules.alert.resend-delay=1s`. */
  readonly args?: readonly string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts a server and waits until it is ready. On any failure the server is stopped before throwing. */
export async function startPrometheus(opts: StartOptions): Promise<RunningPrometheus> {
  const info = findPrometheus();
  if (!info) throw new Error('prometheus not available');
  const child = spawn(info.path, [
    `--config.file=${opts.configFile}`,
    `--storage.tsdb.path=${opts.dataDir}`,
    `--web.listen-address=127.0.0.1:${opts.port}`,
    '--web.enable-lifecycle',
    ...(opts.args ?? []),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (b: Buffer): void => {
    output += b.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.once('error', (e) => append(Buffer.from(`spawn error: ${e.message}\n`)));
  const url = `http://127.0.0.1:${opts.port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await fetch(`${url}/-/quit`, { method: 'POST', signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    const waited = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (waited) return;
    child.kill('SIGTERM');
    const termed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!termed) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`prometheus exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output.slice(-4000)}`);
    }
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready after ${opts.readyTimeoutMs ?? 20_000} ms:\n${output.slice(-4000)}`);
    }
    await sleep(100);
  }
  return { url, port: opts.port, process: child, log: () => output, stop };
}

/** A live test's teardown: stop the server, then remove its work folder and the fixture project, whatever failed. */
export async function tearDownLive(server: RunningPrometheus | undefined, work: string | undefined, project: { cleanup(): void } | undefined): Promise<void> {
  try {
    await server?.stop();
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
    project?.cleanup();
  }
}
