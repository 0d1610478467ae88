// Generates registry/node-exporter.ts and registry/kube-state-metrics.ts from the exporters' own
// sources, across their released versions and every platform:
//   npx tsx scripts/registry-from-sources.ts --node-exporter <git dir> --kube-state-metrics <git dir>
// (a clone of github.com/prometheus/node_exporter and of github.com/kubernetes/kube-state-metrics;
// their tags are read with git, no work tree is needed and nothing is checked out).
//
// node_exporter: every collector/*.go file of every release (the latest patch of each minor from
// v1.0), each prometheus.NewDesc(...) read for its name (BuildFQName, constants and concatenations
// resolved), help, label names and type; the platforms a metric exists on come from the file's name
// (_linux, _freebsd, ...) and //go:build line. Names the collector makes from data (a /proc/vmstat
// field, a sysctl) become families (`node_vmstat_*`), listed in the registry's `families`.
// kube-state-metrics: the metric tables of docs/**/*.md of every release from v1.9 (name, type,
// help, label names; `label_*` and `annotation_*` label families), and its own kube_state_metrics_*
// metrics from the Go sources (prometheus.NewCounterVec(prometheus.CounterOpts{Name, Help}, labels)).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: { 'node-exporter': { type: 'string' }, 'kube-state-metrics': { type: 'string' }, out: { type: 'string' } },
});
const OUT = args.out ?? join(ROOT, 'registry');
const REGENERATE = 'npx tsx scripts/registry-from-sources.ts --node-exporter <clone> --kube-state-metrics <clone>';

type Type = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'stateset' | 'unknown';

interface Metric {
  name: string;
  type: Type;
  help: string;
  labels: Set<string>;
  families: Set<string>;
  platforms: Set<string>;
  versions: Set<string>;
}

function git(dir: string, argv: readonly string[], input?: string): Buffer {
  return execFileSync('git', ['--git-dir', dir, ...argv], {
    maxBuffer: 1 << 30,
    ...(input !== undefined ? { input } : {}),
  });
}

/** The latest patch release of each minor version from `from` (tags vX.Y.Z without a suffix). */
function releases(dir: string, from: [number, number]): string[] {
  const tags = git(dir, ['tag', '--list', 'v*'])
    .toString()
    .split('\n')
    .filter((t) => /^v\d+\.\d+\.\d+$/.test(t));
  const latest = new Map<string, [number, number, number, string]>();
  for (const t of tags) {
    const [a, b, c] = t.slice(1).split('.').map(Number) as [number, number, number];
    if (a < from[0] || (a === from[0] && b < from[1])) continue;
    const k = `${a}.${b}`;
    const cur = latest.get(k);
    if (!cur || c > cur[2]) latest.set(k, [a, b, c, t]);
  }
  return [...latest.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((v) => v[3]);
}

/** Every file under `prefix` at `ref` whose name matches, with its text (one git process). */
function filesAt(dir: string, ref: string, prefix: string, match: RegExp): Map<string, string> {
  const names = git(dir, ['ls-tree', '-r', '--name-only', ref, '--', prefix])
    .toString()
    .split('\n')
    .filter((n) => match.test(n));
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  const batch = git(dir, ['cat-file', '--batch'], names.map((n) => `${ref}:${n}\n`).join(''));
  let at = 0;
  for (const n of names) {
    const nl = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, nl).toString().split(' ')[2]);
    out.set(n, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return out;
}

// ---------------------------------------------------------------- node_exporter (Go sources)

const GOOS = ['linux', 'darwin', 'freebsd', 'openbsd', 'netbsd', 'dragonfly', 'solaris', 'illumos', 'aix', 'windows'];

/** The platforms a Go file is built for: its name's _GOOS suffix, else the GOOS words of //go:build (or // +build). */
function platformsOf(file: string, text: string): string[] {
  const base = file.replace(/\.go$/, '').split('/').pop() ?? '';
  const suffix = GOOS.find((os) => base.endsWith(`_${os}`) || base.includes(`_${os}_`));
  if (suffix) return [suffix];
  if (base.endsWith('_bsd'))
    return ['freebsd', 'openbsd', 'netbsd', 'dragonfly', 'darwin'].filter((os) => buildAllows(text, os));
  const tags = GOOS.filter((os) => buildAllows(text, os));
  return tags.length === GOOS.length ? ['all'] : tags;
}

function buildAllows(text: string, os: string): boolean {
  const line =
    /^\/\/go:build (.+)$/m.exec(text)?.[1] ??
    /^\/\/ \+build (.+)$/m
      .exec(text)?.[1]
      ?.replace(/,/g, ' && ')
      .replace(/ (?!&&)/g, ' || ');
  if (!line) return true;
  const expr = line.replace(/\b[a-z0-9_.]+\b/g, (w) =>
    GOOS.includes(w) ? String(w === os) : w.startsWith('no') ? 'false' : 'true',
  );
  try {
    return Boolean(new Function(`return (${expr.replace(/!/g, '!')});`)());
  } catch {
    return true;
  }
}

/** The argument texts of the call whose `(` is at `open` (top-level commas), and the index after its `)`. */
function callArgs(src: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '`') {
      i = src.indexOf('`', i + 1);
    } else if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(src.slice(start, i).trim());
        return { args: args.filter((a) => a !== ''), end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(src.slice(start, i).trim());
      start = i + 1;
    }
  }
  return { args, end: src.length };
}

/** Splits on a top-level operator character (`+` of a concatenation). */
function splitTop(expr: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"') {
      for (i++; i < expr.length && expr[i] !== '"'; i++) if (expr[i] === '\\') i++;
    } else if (c === '`') i = expr.indexOf('`', i + 1);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      out.push(expr.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(expr.slice(start).trim());
  return out;
}

interface Pkg {
  readonly consts: Map<string, string>;
  readonly lists: Map<string, string[]>;
  /** The file being read: its own constants win, and struct fields are looked up in it. */
  readonly text?: string;
  /** The files of the same collector (`netclass*.go`), where a struct field's value may be set. */
  readonly siblings?: string;
}

/**
 * A resolved string, or one with a part that is data: `prefix` and `suffix` around it, and the
 * values it takes when the file lists them (`name: "exec_traps_total"` entries of a table).
 */
type Resolved = { value: string } | { prefix: string; suffix: string; choices?: string[] };

function resolveString(expr: string, pkg: Pkg): Resolved {
  let text = '';
  let open: { prefix: string; choices?: string[] } | undefined;
  for (const term of splitTop(expr.replace(/\s+/g, ' '), '+')) {
    const r = resolveTerm(term, pkg);
    if ('value' in r) text += r.value;
    else if (open) return { prefix: open.prefix, suffix: '', ...(open.choices ? { choices: open.choices } : {}) };
    else {
      open = { prefix: text + r.prefix, ...(r.choices ? { choices: r.choices } : {}) };
      text = r.suffix;
    }
  }
  return open
    ? { prefix: open.prefix, suffix: text, ...(open.choices ? { choices: open.choices } : {}) }
    : { value: text };
}

function resolveTerm(term: string, pkg: Pkg): Resolved {
  if (/^"(?:[^"\\]|\\.)*"$/.test(term)) return { value: JSON.parse(term) as string };
  if (/^`[^`]*`$/.test(term)) return { value: term.slice(1, -1) };
  if (/^\w+$/.test(term)) {
    const local =
      pkg.text !== undefined
        ? new RegExp(`^\\s*(?:const |var )?${term}\\s*(?:string\\s*)?:?=\\s*("(?:[^"\\\\]|\\\\.)*")`, 'm').exec(
            pkg.text,
          )
        : null;
    if (local) return { value: JSON.parse(local[1]!) as string };
    const c = pkg.consts.get(term);
    if (c !== undefined) return { value: c };
  }
  const field = /^\w+(?:\.\w+)*\.(\w+)$/.exec(term);
  if (field && !term.startsWith('prometheus.') && pkg.text !== undefined) {
    const values = [
      ...new Set(
        [
          ...(pkg.siblings ?? pkg.text).matchAll(
            new RegExp(`\\b${field[1]}:\\s*("[A-Za-z0-9_]*"|[A-Za-z_]\\w*)\\s*[,}\\n]`, 'g'),
          ),
        ]
          .map((m) => (m[1]!.startsWith('"') ? m[1]!.slice(1, -1) : pkg.consts.get(m[1]!)))
          .filter((v): v is string => v !== undefined),
      ),
    ];
    if (values.length === 1) return { value: values[0]! };
    if (values.length > 1) return { prefix: '', suffix: '', choices: values };
  }
  const fq = /^prometheus\.BuildFQName\(/.exec(term);
  if (fq) {
    const { args: parts } = callArgs(term, term.indexOf('('));
    const rs = parts.map((p) => resolveString(p, pkg));
    const open = rs.findIndex((r) => !('value' in r));
    const join = (xs: readonly Resolved[]): string =>
      xs.flatMap((r) => ('value' in r && r.value !== '' ? [r.value] : [])).join('_');
    if (open < 0) return { value: join(rs) };
    const r = rs[open] as { prefix: string; suffix: string; choices?: string[] };
    if (rs.slice(open + 1).some((x) => !('value' in x)))
      return { prefix: `${join(rs.slice(0, open))}_${r.prefix}`, suffix: '' };
    const before = join(rs.slice(0, open));
    const after = join(rs.slice(open + 1));
    return {
      prefix: `${before ? `${before}_` : ''}${r.prefix}`,
      suffix: `${r.suffix}${after ? `_${after}` : ''}`,
      ...(r.choices ? { choices: r.choices } : {}),
    };
  }
  return { prefix: '', suffix: '' };
}

function resolveLabels(expr: string, pkg: Pkg): { labels: string[]; unresolved: boolean } {
  if (expr === 'nil' || expr === '') return { labels: [], unresolved: false };
  const lit = /^\[\]string\s*\{([\s\S]*)\}$/.exec(expr);
  if (lit) {
    const items = splitTop(lit[1] ?? '', ',').filter((s) => s !== '');
    const out: string[] = [];
    let unresolved = false;
    for (const it of items) {
      const r = resolveString(it, pkg);
      if ('value' in r) out.push(r.value);
      else unresolved = true;
    }
    return { labels: out, unresolved };
  }
  const app = /^append\(/.exec(expr);
  if (app) {
    const { args: parts } = callArgs(expr, expr.indexOf('('));
    const base = resolveLabels((parts[0] ?? '').replace(/\.\.\.$/, ''), pkg);
    for (const p of parts.slice(1)) {
      const spread = p.endsWith('...');
      const r = spread
        ? resolveLabels(p.slice(0, -3), pkg)
        : (() => {
            const s = resolveString(p, pkg);
            return 'value' in s ? { labels: [s.value], unresolved: false } : { labels: [], unresolved: true };
          })();
      base.labels.push(...r.labels);
      base.unresolved ||= r.unresolved;
    }
    return base;
  }
  const list = pkg.lists.get(expr.replace(/^[a-z]\./, ''));
  if (list) return { labels: [...list], unresolved: false };
  return { labels: [], unresolved: true };
}

/** Package-level string constants and []string label lists of one release's collector/ files. */
function packageOf(files: ReadonlyMap<string, string>): Pkg {
  const consts = new Map<string, string>();
  const lists = new Map<string, string[]>();
  // Top-level declarations only (`const x = "..."`, and the entries of `const (` / `var (` blocks):
  // a function's local variable of the same name in another file is not the package's.
  for (const text of files.values()) {
    let block = false;
    for (const line of text.split('\n')) {
      if (/^(const|var) \($/.test(line)) block = true;
      else if (block && line === ')') block = false;
      const m = (
        block
          ? /^\t(\w+)\s*(?:string\s*)?=\s*("(?:[^"\\]|\\.)*")\s*(?:\/\/.*)?$/
          : /^(?:const|var) (\w+)\s*(?:string\s*)?=\s*("(?:[^"\\]|\\.)*")\s*(?:\/\/.*)?$/
      ).exec(line);
      if (m && !consts.has(m[1]!)) consts.set(m[1]!, JSON.parse(m[2]!) as string);
    }
  }
  const pkg = { consts, lists };
  for (const text of files.values()) {
    for (const m of text.matchAll(/^\s*(?:var )?(\w+)\s*(?:\[\]string\s*)?=\s*\[\]string\s*\{/gm)) {
      const open = text.indexOf('{', m.index + m[0].length - 1);
      const { args: items } = callArgs(text, open);
      const labels = items.map((i) => resolveString(i, pkg)).flatMap((r) => ('value' in r ? [r.value] : []));
      if (!lists.has(m[1]!)) lists.set(m[1]!, labels);
    }
  }
  return pkg;
}

/** Keys a collector builds metric names from, written in its source (`"wired_bytes": ...`, `metrics["Active_bytes"] =`). */
function nameKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/^\s*"([A-Za-z][A-Za-z0-9_]*)":\s/gm)) keys.add(m[1]!);
  for (const m of text.matchAll(/\w+\["([A-Za-z][A-Za-z0-9_]*)"\]\s*=/g)) keys.add(m[1]!);
  return [...keys];
}

/**
 * Collectors whose metric names are data all through (read off the collector's source): sensors'
 * names (hwmon), NIC driver statistics (ethtool), HBA and HCA counters named by sysfs files.
 * A descriptor the generator cannot resolve in a file not listed here fails the run.
 */
const DATA_FAMILIES: Readonly<Record<string, string>> = {
  hwmon_linux: 'node_hwmon_*',
  ethtool_linux: 'node_ethtool_*',
  fibrechannel_linux: 'node_fibrechannel_*',
  infiniband_linux: 'node_infiniband_*',
  // Metrics of the files the textfile collector reads are the files' own (any name).
  textfile: 'node_textfile_*',
};

/**
 * Collectors that name a metric by a field the source writes out: netclass's
 * `pushMetric(ch, c.getFieldDesc("carrier"), "carrier", ..., prometheus.GaugeValue, ...)` (before
 * v1.5 `pushMetric(ch, c.subsystem, "carrier", ...)`), power_supply's `"capacity": powerSupply.Capacity`
 * entries of a `map[string]*int64{...}` (a `map[string]string{...}` holds labels) and darwin's
 * `pushEnumMetric(ch, ..., "battery_health", ...)`. Their names are fixed, so they are read, not a family.
 */
const FIELD_NAMED: Readonly<
  Record<string, { prefix: string; labels: readonly string[]; names(text: string): [string, Type, string[]?][] }>
> = {
  netclass: {
    prefix: 'node_network_',
    labels: ['device'],
    names: (text) =>
      [
        ...text.matchAll(
          /pushMetric\(\s*ch,\s*(?:c\.getFieldDesc\("\w+"\)|c\.subsystem),\s*"(\w+)",[^\n]*?prometheus\.(Counter|Gauge)Value/g,
        ),
      ].map((m) => [m[1]!, m[1]!.endsWith('_total') || m[2] === 'Counter' ? 'counter' : 'gauge']),
  },
  powersupplyclass: {
    prefix: 'node_power_supply_',
    labels: ['power_supply'],
    names: (text) => [
      ...[...text.matchAll(/map\[string\]\*?(?:u?int64|float64)\s*\{([^}]*)\}/g)].flatMap((block) =>
        [...block[1]!.matchAll(/^\s*"([a-z][a-z0-9_]*)":/gm)].map((m): [string, Type] => [m[1]!, 'gauge']),
      ),
      // One series per state: `pushEnumMetric`'s descriptor has a `state` label.
      ...[...text.matchAll(/pushEnumMetric\(\s*ch,[^"]*?"(\w+)"/g)].map((m): [string, Type, string[]] => [
        m[1]!,
        'gauge',
        ['state'],
      ]),
    ],
  },
};

/**
 * ZFS on Linux names a metric by a field of a kstat file (`/proc/spl/kstat/zfs/arcstats`): data, so
 * each subsystem (`linuxPathMap`'s keys, and the pools' `zfs_zpool`) is a family of its own. FreeBSD and
 * Solaris name every metric in the source.
 */
function zfsFamilies(text: string): string[] {
  const map = /linuxPathMap:\s*map\[string\]string\s*\{([^}]*)\}/.exec(text);
  const subsystems = [...(map?.[1] ?? '').matchAll(/"(\w+)":/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/BuildFQName\(namespace,\s*"(\w+)",\s*metricName\)/g)) subsystems.push(m[1]!);
  // `zfs_zpool_dataset` is in `zfs_zpool`'s family already.
  const all = [...new Set(subsystems)];
  return all.filter((s) => !all.some((o) => o !== s && s.startsWith(`${o}_`))).map((s) => `node_${s}_*`);
}

/** `collector/meminfo_numa_linux.go` → `meminfo_numa`: the file's name without platform and architecture. */
function collectorOf(file: string): string {
  const parts = (file.split('/').pop() ?? '').replace(/\.go$/, '').split('_');
  while (
    parts.length > 1 &&
    [...GOOS, 'bsd', 'common', 'amd64', 'arm64', '386', 'arm', 'cgo', 'nocgo'].includes(parts[parts.length - 1]!)
  )
    parts.pop();
  return parts.join('_');
}

const TYPE_OF_VALUE: Record<string, Type> = { CounterValue: 'counter', GaugeValue: 'gauge', UntypedValue: 'unknown' };

function nodeExporter(dir: string): {
  metrics: Map<string, Metric>;
  families: Map<string, Set<string>>;
  versions: string[];
  commit: string;
  unresolved: string[];
} {
  const versions = releases(dir, [1, 0]);
  const metrics = new Map<string, Metric>();
  const families = new Map<string, Set<string>>();
  const unresolved = new Set<string>();
  const add = (
    name: string,
    type: Type,
    help: string,
    labels: readonly string[],
    labelFamilies: readonly string[],
    platforms: readonly string[],
    version: string,
  ): void => {
    let m = metrics.get(name);
    if (!m)
      metrics.set(
        name,
        (m = { name, type, help, labels: new Set(), families: new Set(), platforms: new Set(), versions: new Set() }),
      );
    if (m.type === 'unknown' && type !== 'unknown') m.type = type;
    m.help = help || m.help;
    for (const l of labels) m.labels.add(l);
    for (const f of labelFamilies) m.families.add(f);
    for (const p of platforms) m.platforms.add(p);
    m.versions.add(version);
  };
  for (const version of versions) {
    const files = filesAt(dir, version, 'collector', /^collector\/[^/]+\.go$/);
    for (const [f] of files) if (f.endsWith('_test.go')) files.delete(f);
    const pkg = packageOf(files);
    for (const [file, text] of files) {
      const platforms = platformsOf(file, text);
      const fields = FIELD_NAMED[collectorOf(file)];
      // The help is the file's own `fmt.Sprintf("Network device property: %s", name)`.
      const fieldHelp = /fmt\.Sprintf\(\s*"([^"]*%s[^"]*)",\s*name\s*\)/.exec(text)?.[1] ?? '%s';
      for (const [field, type, labels = []] of fields?.names(text) ?? [])
        add(
          `${fields!.prefix}${field}`,
          type,
          fieldHelp.replace('%s', field),
          [...fields!.labels, ...labels],
          [],
          platforms,
          version,
        );
      for (const call of text.matchAll(/prometheus\.NewDesc\(/g)) {
        const open = call.index + call[0].length - 1;
        const { args: a, end } = callArgs(text, open);
        if (a.length < 2) continue;
        const first = (file.split('/').pop() ?? '').split(/[_.]/)[0];
        const siblings = [...files]
          .filter(([f]) => (f.split('/').pop() ?? '').split(/[_.]/)[0] === first)
          .map(([, t]) => t)
          .join('\n');
        const own = { ...pkg, text, siblings };
        const name = resolveString(a[0]!, own);
        const help = resolveString(a[1]!, own);
        const labels = resolveLabels(a[2] ?? 'nil', own);
        const constLabels = [...(a[3] ?? '').matchAll(/"([a-zA-Z_][a-zA-Z0-9_]*)"\s*:/g)].map((m) => m[1]!);
        // The type: written next to the descriptor (`typedDesc{desc, prometheus.GaugeValue}`, the
        // value of MustNewConstMetric(prometheus.NewDesc(...), prometheus.CounterValue, ...)), else by name.
        const after = /^\s*,\s*prometheus\.(CounterValue|GaugeValue|UntypedValue)\b/.exec(text.slice(end, end + 80));
        const typeOf = (n: string): Type =>
          after ? TYPE_OF_VALUE[after[1]!]! : n.endsWith('_total') ? 'counter' : 'gauge';
        const labelFamilies = labels.unresolved ? ['*'] : [];
        const helpText = 'value' in help ? help.value : '';
        const allLabels = [...labels.labels, ...constLabels];
        if ('value' in name) {
          if (name.value.startsWith('node_'))
            add(name.value, typeOf(name.value), helpText, allLabels, labelFamilies, platforms, version);
          continue;
        }
        const { prefix, suffix } = name;
        if (name.choices && prefix.startsWith('node_')) {
          for (const k of name.choices)
            add(
              `${prefix}${k}${suffix}`,
              typeOf(`${k}${suffix}`),
              helpText,
              allLabels,
              labelFamilies,
              platforms,
              version,
            );
          continue;
        }
        // Read once per file below.
        if (FIELD_NAMED[collectorOf(file)]) continue;
        const family =
          DATA_FAMILIES[file.replace(/^collector\/|\.go$/g, '')] ??
          (collectorOf(file) === 'zfs' ? zfsFamilies(text) : undefined);
        if (Array.isArray(family)) {
          for (const f of family) {
            const fam = families.get(f) ?? new Set<string>();
            for (const p of platforms) fam.add(p);
            families.set(f, fam);
          }
          if (family.length) continue;
        } else if (family) {
          const fam = families.get(family) ?? new Set<string>();
          for (const p of platforms) fam.add(p);
          families.set(family, fam);
          continue;
        }
        if (!/^node_[a-z0-9]+_/.test(prefix)) {
          unresolved.add(`${file}: ${a[0]!.replace(/\s+/g, ' ')}`);
          continue;
        }
        // The keys are in the collector's files (meminfo.go builds the names, meminfo_darwin.go has the keys).
        const collector = collectorOf(file);
        let keyed = false;
        for (const [sibling, siblingText] of files) {
          if (collectorOf(sibling) !== collector) continue;
          const keys = nameKeys(siblingText);
          if (keys.length === 0) continue;
          keyed = true;
          const where = platformsOf(sibling, siblingText);
          for (const k of keys)
            add(
              `${prefix}${k}${suffix}`,
              `${k}${suffix}`.endsWith('_total') ? 'counter' : typeOf(k),
              helpText.replace(/%s/, k),
              allLabels,
              labelFamilies,
              where,
              version,
            );
        }
        // A family only where the latest release still makes names from data.
        if (keyed || version !== versions[versions.length - 1]) continue;
        const fam = families.get(`${prefix}*`) ?? new Set<string>();
        for (const p of platforms) fam.add(p);
        families.set(`${prefix}*`, fam);
      }
    }
  }
  const commit = git(dir, ['rev-parse', `${versions[versions.length - 1]}^{commit}`])
    .toString()
    .trim();
  return { metrics, families, versions, commit, unresolved: [...unresolved].sort() };
}

// ---------------------------------------------------------------- kube-state-metrics (docs tables)

function kubeStateMetrics(dir: string): { metrics: Map<string, Metric>; versions: string[]; commit: string } {
  const versions = releases(dir, [1, 9]);
  const metrics = new Map<string, Metric>();
  for (const version of versions) {
    for (const [, text] of filesAt(dir, version, 'docs', /^docs\/.*\.md$/)) {
      let cols: string[] | undefined;
      for (const line of text.split('\n')) {
        if (!line.trimStart().startsWith('|')) {
          cols = undefined;
          continue;
        }
        const cells = line
          .trim()
          .replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((c) => c.trim());
        if (cells.some((c) => /^metric name$/i.test(c))) {
          cols = cells.map((c) => c.toLowerCase());
          continue;
        }
        if (!cols || /^-+$/.test(cells[0]?.replace(/[:\s]/g, '') ?? '')) continue;
        const cell = (what: RegExp): string => cells[cols!.findIndex((c) => what.test(c))] ?? '';
        const name = cell(/^metric name$/)
          .replace(/`/g, '')
          .trim();
        if (!/^kube_[a-z0-9_]+$/.test(name)) continue;
        const kind = cell(/^metric type$/).toLowerCase();
        const type: Type =
          (['counter', 'gauge', 'histogram', 'summary', 'info', 'stateset'] as const).find((t) => kind.startsWith(t)) ??
          'unknown';
        const help = cell(/^description$/)
          .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
          .replace(/\s+/g, ' ')
          .trim();
        const labelCell = cell(/^labels/);
        let m = metrics.get(name);
        if (!m)
          metrics.set(
            name,
            (m = {
              name,
              type,
              help,
              labels: new Set(),
              families: new Set(),
              platforms: new Set(),
              versions: new Set(),
            }),
          );
        if (m.type === 'unknown') m.type = type;
        m.help = help || m.help;
        m.versions.add(version);
        for (const l of labelCell.matchAll(/`([a-zA-Z_][a-zA-Z0-9_]*\*?)=?`/g)) {
          const label = l[1]!;
          // `label_DEPLOYMENT_LABEL`, `annotation_X`, `nodeselector_X`: one label per Kubernetes label.
          const family =
            /^([a-z]+_)[A-Z][A-Z0-9_]*$/.exec(label)?.[1] ?? (label.endsWith('*') ? label.slice(0, -1) : undefined);
          if (family) m.families.add(`${family}*`);
          else m.labels.add(label);
        }
      }
    }
  }
  // kube-state-metrics' own metrics (list and watch errors, shards) are in its Go sources, not the tables.
  for (const version of versions) {
    for (const [file, text] of filesAt(dir, version, '.', /^(pkg|internal)\/.*\.go$/)) {
      if (file.endsWith('_test.go')) continue;
      for (const m of text.matchAll(
        /New(Counter|Gauge|Histogram|Summary)(?:Vec)?\(\s*prometheus\.\w+Opts\{([^}]*)\}\s*,?\s*(?:\[\]string\{([^}]*)\})?/g,
      )) {
        const name = /Name:\s*"(kube_state_metrics_[a-z0-9_]+)"/.exec(m[2]!)?.[1];
        if (!name) continue;
        let metric = metrics.get(name);
        if (!metric)
          metrics.set(
            name,
            (metric = {
              name,
              type: m[1]!.toLowerCase() as Type,
              help: /Help:\s*"((?:[^"\\]|\\.)*)"/.exec(m[2]!)?.[1] ?? '',
              labels: new Set(),
              families: new Set(),
              platforms: new Set(),
              versions: new Set(),
            }),
          );
        metric.versions.add(version);
        for (const item of (m[3] ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)) {
          // A label named by a constant of the file (`[]string{LabelOrdinal}`).
          const label =
            /^"([a-zA-Z_]\w*)"$/.exec(item)?.[1] ??
            new RegExp(`\\b${item.replace(/\W/g, '')}\\s*=\\s*"([a-zA-Z_]\\w*)"`).exec(text)?.[1];
          if (label) metric.labels.add(label);
        }
      }
    }
  }
  const commit = git(dir, ['rev-parse', `${versions[versions.length - 1]}^{commit}`])
    .toString()
    .trim();
  return { metrics, versions, commit };
}

// ---------------------------------------------------------------- writing

const UNITS = ['seconds', 'bytes', 'ratio', 'celsius', 'joules', 'volts', 'amperes', 'hertz', 'watts'];

function since(m: Metric, versions: readonly string[]): string {
  const first = versions.findIndex((v) => m.versions.has(v));
  const last = versions.length - 1 - [...versions].reverse().findIndex((v) => m.versions.has(v));
  if (first === 0 && last === versions.length - 1) return '';
  if (last === versions.length - 1) return `since ${versions[first]}`;
  return `${versions[first]} to ${versions[last]}`;
}

function writeModule(o: {
  file: string;
  constant: string;
  name: string;
  source: string;
  jobs: readonly string[];
  scrapeInterval: string;
  metrics: Map<string, Metric>;
  versions: readonly string[];
  families?: Map<string, Set<string>>;
  platforms: boolean;
  note: string;
}): string {
  const lines: string[] = [];
  lines.push(`// Generated by scripts/registry-from-sources.ts from ${o.source}: every metric of releases`);
  lines.push(`// ${o.versions[0]} to ${o.versions[o.versions.length - 1]} (${o.versions.join(', ')}).`);
  for (const l of o.note.split('\n')) lines.push(`// ${l}`);
  lines.push(`// Do not edit by hand; regenerate with: ${REGENERATE}`);
  lines.push(
    `import { counter, gauge, ${o.metrics.size && [...o.metrics.values()].some((m) => m.type === 'histogram') ? 'histogram, ' : ''}${[...o.metrics.values()].some((m) => m.type === 'info') ? 'info, ' : ''}registry${[...o.metrics.values()].some((m) => m.type === 'stateset') ? ', stateset' : ''}${[...o.metrics.values()].some((m) => m.type === 'summary') ? ', summary' : ''}${[...o.metrics.values()].some((m) => m.type === 'unknown') ? ', untyped' : ''} } from '../dsl/index.ts';`,
  );
  lines.push('');
  lines.push(`export const ${o.constant} = registry({`);
  lines.push(`  name: ${JSON.stringify(o.name)},`);
  lines.push(`  scrapeInterval: ${JSON.stringify(o.scrapeInterval)},`);
  lines.push(`  jobs: ${JSON.stringify(o.jobs)},`);
  lines.push('  // Every metric of these releases on every platform: a near miss of one is a typo.');
  lines.push('  complete: true,');
  if (o.families?.size) {
    lines.push(
      "  // Names the exporter makes from data (a /proc file's fields, a sysctl's): any name of these is known.",
    );
    lines.push('  families: [');
    for (const [f, ps] of [...o.families].sort(([a], [b]) => (a < b ? -1 : 1)))
      lines.push(`    ${JSON.stringify(f)}, // ${[...ps].sort().join(', ')}`);
    lines.push('  ],');
  }
  lines.push('  metrics: {');
  const factory: Record<Type, string> = {
    counter: 'counter',
    gauge: 'gauge',
    histogram: 'histogram',
    summary: 'summary',
    info: 'info',
    stateset: 'stateset',
    unknown: 'untyped',
  };
  for (const m of [...o.metrics.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const notes = [o.platforms ? [...m.platforms].sort().join(', ') : '', since(m, o.versions)]
      .filter(Boolean)
      .join('; ');
    if (notes) lines.push(`    // ${notes}`);
    lines.push(`    ${m.name}: ${factory[m.type]}({`);
    if (m.help) lines.push(`      help: ${JSON.stringify(m.help)},`);
    const unit = UNITS.find((u) => m.name.replace(/_total$/, '').endsWith(`_${u}`));
    if (unit) lines.push(`      unit: ${JSON.stringify(unit)},`);
    if (m.labels.size) lines.push(`      labels: ${JSON.stringify([...m.labels].sort())},`);
    if (m.families.size) lines.push(`      labelFamilies: ${JSON.stringify([...m.families].sort())},`);
    lines.push('    }),');
  }
  lines.push('  },');
  lines.push('});');
  return `${lines.join('\n')}\n`;
}

if (args['node-exporter']) {
  const r = nodeExporter(args['node-exporter']);
  const text = writeModule({
    file: 'registry/node-exporter.ts',
    constant: 'nodeExporter',
    name: 'node-exporter',
    jobs: ['node', 'node-exporter'],
    scrapeInterval: '15s',
    source: `github.com/prometheus/node_exporter collector/*.go (latest ${r.versions[r.versions.length - 1]}, commit ${r.commit})`,
    metrics: r.metrics,
    versions: r.versions,
    families: r.families,
    platforms: true,
    note: "Each metric notes the platforms that build it and, unless it is in every release, the releases that have it.\nLabels a collector builds at run time are a `*` label family. Only node_* metrics: go_*, process_* and\npromhttp_* are the Go client's, which other registries describe.",
  });
  process.stderr.write(
    `node_exporter ${r.versions.join(' ')}: ${r.metrics.size} metrics, ${r.families.size} families\n`,
  );
  if (r.unresolved.length) {
    process.stderr.write(
      `descriptors not resolved to a node_ name (add the collector to DATA_FAMILIES if its names are data):\n${r.unresolved.map((u) => `  ${u}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  writeFileSync(join(OUT, 'node-exporter.ts'), text);
}
if (args['kube-state-metrics']) {
  const r = kubeStateMetrics(args['kube-state-metrics']);
  const text = writeModule({
    file: 'registry/kube-state-metrics.ts',
    constant: 'kubeStateMetrics',
    name: 'kube-state-metrics',
    jobs: ['kube-state-metrics'],
    scrapeInterval: '30s',
    source: `github.com/kubernetes/kube-state-metrics docs/**/*.md (latest ${r.versions[r.versions.length - 1]}, commit ${r.commit})`,
    metrics: r.metrics,
    versions: r.versions,
    platforms: false,
    note: 'Each metric not in every release notes the releases that have it (v1 names such as\nkube_pod_container_resource_requests_cpu_cores are there for rule files of that age).',
  });
  process.stderr.write(`kube-state-metrics ${r.versions.join(' ')}: ${r.metrics.size} metrics\n`);
  writeFileSync(join(OUT, 'kube-state-metrics.ts'), text);
}
