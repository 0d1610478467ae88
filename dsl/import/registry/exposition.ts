/**
 * Reads Prometheus text exposition (and OpenMetrics) as an exporter serves it on /metrics:
 * `# HELP`, `# TYPE`, `# UNIT` and the samples, with their label names and values. Samples are
 * folded into their metric family (`foo_bucket` into histogram `foo`, `foo_total` into counter
 * `foo` of OpenMetrics).
 */
import type { MetricType } from '../../registry/types.ts';
import { addLabel, emptyImport, metricOf, type ImportedMetrics } from './model.ts';

export class ExpositionError extends Error {}

const TYPES: Readonly<Record<string, MetricType>> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'unknown',
  unknown: 'unknown',
  info: 'info',
  stateset: 'stateset',
  gaugehistogram: 'unknown',
};

interface Family {
  type: MetricType;
  help?: string;
  unit?: string;
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** Parses `{a="x",b="y"}` starting at `i` (the `{`); returns the labels and the index after `}`. */
function parseLabels(line: string, i: number, lineNo: number): { labels: [string, string][]; next: number } {
  const labels: [string, string][] = [];
  i++;
  for (;;) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return { labels, next: i + 1 };
    const nameStart = i;
    while (i < line.length && /[a-zA-Z0-9_]/.test(line[i] ?? '')) i++;
    const name = line.slice(nameStart, i);
    while (line[i] === ' ') i++;
    if (!name || line[i] !== '=' || line[i + 1] !== '"')
      throw new ExpositionError(`line ${lineNo}: bad label in ${JSON.stringify(line)}`);
    i += 2;
    let value = '';
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\') {
        const c = line[i + 1];
        value += c === 'n' ? '\n' : (c ?? '');
        i += 2;
      } else value += line[i++];
    }
    if (line[i] !== '"')
      throw new ExpositionError(`line ${lineNo}: unterminated label value in ${JSON.stringify(line)}`);
    i++;
    labels.push([name, value]);
  }
}

/** The family a sample belongs to, given the families declared so far. */
function familyOf(sample: string, families: ReadonlyMap<string, Family>): { family: string; suffix: string } {
  if (families.has(sample)) return { family: sample, suffix: '' };
  for (const suffix of ['_bucket', '_sum', '_count', '_total', '_created', '_info', '_gcount', '_gsum']) {
    if (sample.endsWith(suffix)) {
      const base = sample.slice(0, -suffix.length);
      if (families.has(base)) return { family: base, suffix };
    }
  }
  return { family: sample, suffix: '' };
}

export function parseExposition(text: string): ImportedMetrics {
  const out = emptyImport();
  const families = new Map<string, Family>();
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { type: 'unknown' }));
    return f;
  };
  text.split('\n').forEach((raw, idx) => {
    const line = raw.trimEnd();
    const lineNo = idx + 1;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE|UNIT)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!m) return;
      const [, kw, name = '', rest = ''] = m;
      if (kw === 'HELP') family(name).help = unescapeHelp(rest);
      else if (kw === 'UNIT') family(name).unit = rest.trim() || undefined;
      else {
        const t = TYPES[rest.trim()];
        if (t === undefined)
          throw new ExpositionError(`line ${lineNo}: unknown metric type ${JSON.stringify(rest.trim())}`);
        family(name).type = t;
      }
      return;
    }
    const nm = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nm) throw new ExpositionError(`line ${lineNo}: not a sample: ${JSON.stringify(line)}`);
    const sample = nm[0];
    const labels = line[sample.length] === '{' ? parseLabels(line, sample.length, lineNo).labels : [];
    const { family: fname, suffix } = familyOf(sample, families);
    if (suffix === '_created') return;
    const f = families.get(fname);
    const type = f?.type ?? 'unknown';
    // OpenMetrics names a counter family without `_total` and an info family without `_info`;
    // queries use the sample name, so that is the metric's name.
    const name =
      (type === 'counter' && suffix === '_total') || (type === 'info' && suffix === '_info') ? sample : fname;
    const m = metricOf(out, name, type);
    if (f?.help !== undefined) m.help = f.help;
    if (f?.unit !== undefined) m.unit = f.unit;
    for (const [l, v] of labels) {
      if (
        (type === 'histogram' && suffix === '_bucket' && l === 'le') ||
        (type === 'summary' && suffix === '' && l === 'quantile')
      )
        continue;
      addLabel(m, l, v);
    }
  });
  // Families declared but without samples (an exporter with nothing to report yet) are still metrics.
  for (const [name, f] of families) {
    const taken = out.metrics.has(name) || out.metrics.has(`${name}_total`) || out.metrics.has(`${name}_info`);
    if (taken) continue;
    const m = metricOf(out, name, f.type);
    if (f.help !== undefined) m.help = f.help;
    if (f.unit !== undefined) m.unit = f.unit;
  }
  return out;
}
