// Regenerates registry/{postgres,redis,blackbox}-exporter.ts from the real exporters:
//   npx tsx scripts/registry-from-exporters.ts [--only postgres,redis,blackbox] [--scrape-interval 15s]
// registry/node-exporter.ts comes from node_exporter's sources (scripts/registry-from-sources.ts):
// `--only node` replaces it with what one Debian exporter exposes on this machine (incomplete).
// Needs the Debian packages prometheus-node-exporter, prometheus-postgres-exporter, postgresql,
// prometheus-redis-exporter, redis-server, prometheus-blackbox-exporter and openssl. Everything it
// starts listens on 127.0.0.1 only, on free ports, with its data in a temporary directory, and is
// stopped (process group and all) before the script exits, also when it fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importRegistry } from '../dsl/import/registry/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: { only: { type: 'string' }, 'scrape-interval': { type: 'string', default: '15s' } },
});
const only = new Set((args.only ?? 'postgres,redis,blackbox').split(','));
const SCRAPE_INTERVAL = args['scrape-interval'] ?? '15s';
const REGENERATE = 'npx tsx scripts/registry-from-exporters.ts';

const children: ChildProcess[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'obs-exporters-'));
chmodSync(tmp, 0o755);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process in its own process group, so stopping it also stops whatever it forked. */
function start(name: string, cmd: string, argv: readonly string[], env: Record<string, string> = {}): ChildProcess {
  const log = join(tmp, `${name}.log`);
  writeFileSync(log, '');
  const child = spawn(cmd, argv, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout?.on('data', (d: Buffer) => writeFileSync(log, d, { flag: 'a' }));
  child.stderr?.on('data', (d: Buffer) => writeFileSync(log, d, { flag: 'a' }));
  child.on('error', (e) => writeFileSync(log, `spawn error: ${e.message}\n`, { flag: 'a' }));
  children.push(child);
  return child;
}

async function stopAll(): Promise<void> {
  for (const c of children.reverse()) {
    if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) continue;
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      continue;
    }
    const exited = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 10_000);
      c.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!exited) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

async function waitFor(what: string, probe: () => Promise<boolean> | boolean, log?: string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (await Promise.resolve(probe()).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what} did not come up in 30s${log ? `:\n${readFileSync(join(tmp, `${log}.log`), 'utf8').slice(-2000)}` : ''}`,
  );
}

const httpOk = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

const asRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root; as root, run its tools as the postgres user. */
function pgCommand(bin: string, argv: readonly string[]): [string, string[]] {
  const dir = readdirSync('/usr/lib/postgresql').sort().pop();
  const path = join('/usr/lib/postgresql', dir ?? '', 'bin', bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...argv]] : [path, [...argv]];
}

async function write(
  name: string,
  sources: string[],
  source: string,
  extra: { closed?: string[] } = {},
): Promise<void> {
  const r = await importRegistry({
    // Each exporter as Debian runs it here: its default collectors on Linux, one version.
    name,
    metrics: sources,
    source,
    regenerate: REGENERATE,
    complete: false,
    scrapeInterval: SCRAPE_INTERVAL,
    closed: extra.closed ?? [],
  });
  writeFileSync(join(ROOT, 'registry', `${name}.ts`), r.text);
  console.log(`registry/${name}.ts: ${r.metrics} metrics`);
}

async function nodeExporter(): Promise<void> {
  const port = await freePort();
  start('node', 'prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`]);
  const url = `http://127.0.0.1:${port}/metrics`;
  await waitFor('node exporter', httpOk(url), 'node');
  // node_cpu_seconds_total's modes are a fixed list in the exporter; the other labels depend on the host.
  await write(
    'node-exporter',
    [url],
    `prometheus-node-exporter ${version('prometheus-node-exporter')} (default collectors)`,
    { closed: ['node_cpu_seconds_total:mode'] },
  );
}

async function postgresExporter(): Promise<void> {
  const pgPort = await freePort();
  const data = join(tmp, 'pgdata');
  const sock = join(tmp, 'pgsock');
  mkdirSync(data);
  mkdirSync(sock);
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(pw.stdout.trim());
    chownSync(data, uid, uid);
    chownSync(sock, uid, uid);
  }
  const [initdb, initArgs] = pgCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const [pg, pgArgs] = pgCommand('postgres', [
    '-D',
    data,
    '-p',
    String(pgPort),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${sock}`,
    '-c',
    'fsync=off',
  ]);
  start('postgres', pg, pgArgs);
  const sql = (q: string) => {
    const [cmd, argv] = pgCommand('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(pgPort),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      q,
    ]);
    return spawnSync(cmd, argv, { encoding: 'utf8' });
  };
  await waitFor('postgresql', () => sql('select 1').status === 0, 'postgres');
  // A table with some activity, so the per-table and per-database statistics have series.
  const setup = sql(
    'create table orders (id serial primary key, total numeric); insert into orders (total) select g from generate_series(1, 1000) g; analyze orders; select count(*) from orders;',
  );
  if (setup.status !== 0) throw new Error(`postgres setup failed: ${setup.stderr}`);
  const port = await freePort();
  start(
    'postgres-exporter',
    'prometheus-postgres-exporter',
    [
      `--web.listen-address=127.0.0.1:${port}`,
      // The example queries Debian ships (pg_stat_user_tables, pg_replication, pg_postmaster, ...),
      // which the common alert rules rely on.
      '--extend.query-path=/usr/share/doc/prometheus-postgres-exporter/examples/queries.yaml',
    ],
    { DATA_SOURCE_NAME: `postgresql://postgres@127.0.0.1:${pgPort}/postgres?sslmode=disable` },
  );
  const url = `http://127.0.0.1:${port}/metrics`;
  await waitFor(
    'postgres exporter',
    async () => (await (await fetch(url)).text()).includes('pg_up 1'),
    'postgres-exporter',
  );
  await write(
    'postgres-exporter',
    [url],
    `prometheus-postgres-exporter ${version('prometheus-postgres-exporter')} with Debian's example queries.yaml, against a local postgresql ${version('postgresql')}`,
  );
}

async function redisExporter(): Promise<void> {
  const redisPort = await freePort();
  start('redis', 'redis-server', [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    tmp,
    '--protected-mode',
    'yes',
  ]);
  await waitFor(
    'redis',
    () => spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout.includes('PONG'),
    'redis',
  );
  // Keys (some expiring) in two databases, so the keyspace metrics have series.
  for (const cmd of [
    ['set', 'a', '1'],
    ['set', 'b', '2', 'EX', '3600'],
    ['-n', '1', 'set', 'c', '3'],
    ['incr', 'a'],
    ['get', 'missing'],
  ]) {
    spawnSync('redis-cli', ['-p', String(redisPort), ...cmd]);
  }
  const port = await freePort();
  start('redis-exporter', 'prometheus-redis-exporter', [
    `-redis.addr=redis://127.0.0.1:${redisPort}`,
    `-web.listen-address=127.0.0.1:${port}`,
  ]);
  const url = `http://127.0.0.1:${port}/metrics`;
  await waitFor(
    'redis exporter',
    async () => (await (await fetch(url)).text()).includes('redis_up 1'),
    'redis-exporter',
  );
  await write(
    'redis-exporter',
    [url],
    `prometheus-redis-exporter ${version('prometheus-redis-exporter')} against a local redis-server ${version('redis-server')}`,
  );
}

async function blackboxExporter(): Promise<void> {
  // A local HTTPS endpoint to probe, so the TLS metrics (certificate expiry, ...) are exposed too.
  const key = join(tmp, 'key.pem');
  const cert = join(tmp, 'cert.pem');
  const ssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (ssl.status !== 0) throw new Error(`openssl failed: ${ssl.stderr}`);
  const https = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_, res) => res.end('ok\n'));
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  const httpsPort = (https.address() as AddressInfo).port;
  const config = join(tmp, 'blackbox.yml');
  writeFileSync(
    config,
    [
      'modules:',
      '  http_2xx:',
      '    prober: http',
      '    http:',
      '      tls_config:',
      '        insecure_skip_verify: true',
      '  tcp_connect:',
      '    prober: tcp',
      '  icmp:',
      '    prober: icmp',
      '  dns_local:',
      '    prober: dns',
      '    dns:',
      '      query_name: localhost',
      '      transport_protocol: udp',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  start('blackbox', 'prometheus-blackbox-exporter', [
    `--config.file=${config}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const base = `http://127.0.0.1:${port}`;
  await waitFor('blackbox exporter', httpOk(`${base}/metrics`), 'blackbox');
  const probe = (module: string, target: string) =>
    `${base}/probe?module=${module}&target=${encodeURIComponent(target)}`;
  // Nothing answers DNS on this port: the failed probe still exposes the dns prober's metrics.
  const dnsPort = await freePort();
  try {
    await write(
      'blackbox-exporter',
      [
        `${base}/metrics`,
        probe('http_2xx', `https://127.0.0.1:${httpsPort}/`),
        probe('tcp_connect', `127.0.0.1:${httpsPort}`),
        probe('icmp', '127.0.0.1'),
        probe('dns_local', `127.0.0.1:${dnsPort}`),
      ],
      `prometheus-blackbox-exporter ${version('prometheus-blackbox-exporter')}: its /metrics and /probe with the http (TLS), tcp, icmp and dns probers`,
      {
        closed: [
          'probe_http_duration_seconds:phase',
          'probe_dns_duration_seconds:phase',
          'probe_icmp_duration_seconds:phase',
        ],
      },
    );
  } finally {
    https.close();
  }
}

function version(pkg: string): string {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '(unknown version)';
}

let failed = false;
const onSignal = () => {
  void stopAll().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
try {
  if (only.has('node')) await nodeExporter();
  if (only.has('postgres')) await postgresExporter();
  if (only.has('redis')) await redisExporter();
  if (only.has('blackbox')) await blackboxExporter();
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  await stopAll();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
