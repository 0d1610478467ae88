/**
 * Alert templates for the differential test against promtool: annotations as the common mixins
 * write them (node-exporter, kubernetes, prometheus, alertmanager mixins, Prometheus docs), the
 * mistakes people make with them, random templates from a small grammar, and seeded mutations of
 * all of those. Everything is deterministic for a given seed so a disagreement can be replayed.
 */

export const REALISTIC_TEMPLATES: readonly string[] = [
  // node-exporter mixin
  'Filesystem on {{ $labels.device }}, mounted on {{ $labels.mountpoint }}, at {{ $labels.instance }} has only {{ printf "%.2f" $value }}% available space left and is filling up.',
  'Filesystem on {{ $labels.device }}, mounted on {{ $labels.mountpoint }}, at {{ $labels.instance }} has only {{ printf "%.2f" $value }}% available inodes left.',
  '{{ $labels.instance }} interface {{ $labels.device }} has encountered {{ printf "%.0f" $value }} receive errors in the last two minutes.',
  '{{ $value | humanizePercentage }} of conntrack entries are used.',
  'Clock at {{ $labels.instance }} is out of sync by more than 0.05s. Ensure NTP is configured correctly on this host.',
  'RAID array "{{ $labels.device }}" at {{ $labels.instance }} is in degraded state due to one or more disks failures.',
  'File descriptors limit at {{ $labels.instance }} is currently at {{ printf "%.2f" $value }}%.',
  'CPU usage at {{ $labels.instance }} has been above 90% for the last 15 minutes, is currently at {{ printf "%.2f" $value }}%.',
  'Memory is filling up at {{ $labels.instance }}, has been above 90% for the last 15 minutes, is currently at {{ printf "%.2f" $value }}%.',
  'Systemd service {{ $labels.name }} has entered failed state at {{ $labels.instance }}',
  'Disk IO queue (aqu-sq) is high on {{ $labels.device }} at {{ $labels.instance }}, has been above 10 for the last 30 minutes, is currently at {{ printf "%.2f" $value }}.',
  'Network interface "{{ $labels.device }}" changing its up status often on node-exporter {{ $labels.namespace }}/{{ $labels.pod }}',
  // kubernetes mixin
  'Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is in waiting state (reason: "CrashLoopBackOff") on cluster {{ $labels.cluster }}.',
  'Pod {{ $labels.namespace }}/{{ $labels.pod }} has been in a non-ready state for longer than 15 minutes on cluster {{ $labels.cluster }}.',
  'Deployment generation for {{ $labels.namespace }}/{{ $labels.deployment }} does not match, this indicates that the Deployment has failed but has not been rolled back.',
  'Job {{ $labels.namespace }}/{{ $labels.job_name }} is taking more than {{ "43200" | humanizeDuration }} to complete.',
  'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler  }} has been running at max replicas for longer than 15 minutes.',
  '{{ $value | humanizePercentage }} throttling of CPU in namespace {{ $labels.namespace }} for container {{ $labels.container }} in pod {{ $labels.pod }}.',
  'The PersistentVolume claimed by {{ $labels.persistentvolumeclaim }} in Namespace {{ $labels.namespace }} {{ with $labels.cluster -}} on Cluster {{ . }} {{- end }} is only {{ $value | humanizePercentage }} free.',
  'Kubernetes aggregated API {{ $labels.name }}/{{ $labels.namespace }} has reported errors. It has appeared unavailable {{ $value | humanize }} times averaged over the past 10m.',
  "Kubelet '{{ $labels.node }}' is running at {{ $value | humanizePercentage }} of its Pod capacity.",
  'The readiness status of node {{ $labels.node }} has changed {{ $value }} times in the last 15 minutes.',
  "Kubernetes API server client '{{ $labels.job }}/{{ $labels.instance }}' is experiencing {{ $value | humanizePercentage }} errors.'",
  'Cluster {{ $labels.cluster }} has overcommitted CPU resource requests for Pods by {{ $value }} CPU shares and cannot tolerate node failure.',
  'Container {{ $labels.container }} in pod {{ $labels.namespace }}/{{ $labels.pod }} has been OOMKilled {{ $value }} times in the last 10 minutes.',
  'A client certificate used to authenticate to kubernetes apiserver is expiring in less than 7.0 days.',
  // prometheus and alertmanager mixins
  'Prometheus {{$labels.instance}} has failed to evaluate {{ printf "%.0f" $value }} rules in the last 5m.',
  'Prometheus {{$labels.instance}} failed to send {{ printf "%.1f" $value }}% of the samples to {{ $labels.remote_name}}:{{ $labels.url }}',
  '{{ printf "%.1f" $value }}% errors while sending alerts from Prometheus {{$labels.instance}} to Alertmanager {{$labels.alertmanager}}.',
  'Prometheus {{$labels.instance}} has detected {{$value | humanize}} compaction failures over the last 3h.',
  'Alertmanager {{ $labels.namespace }}/{{ $labels.pod}} failed to send {{ $value | humanizePercentage }} of notifications to {{ $labels.integration }}.',
  '{{ printf "%.4g" $value }}% of the {{ $labels.job }}/{{ $labels.service }} targets in {{ $labels.namespace }} namespace are down.',
  'This is an alert meant to ensure that the entire alerting pipeline is functional.',
  // Prometheus documentation and common idioms
  '{{ $labels.instance }} of job {{ $labels.job }} has been down for more than 5 minutes.',
  '{{ $labels.instance }} has a median request latency above 1s (current value: {{ $value }}s)',
  '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}',
  '{{ range query "up == 0" }}{{ .Labels.instance }} {{ end }}',
  "{{ with printf \"node_memory_MemTotal{job='node',instance='%s'}\" $labels.instance | query }}{{ . | first | value | humanize1024 }}B{{ end }}",
  '{{ if gt $value 0.9 }}critical{{ else if gt $value 0.5 }}warning{{ else }}info{{ end }}',
  '{{ range $i, $e := query "up" | sortByLabel "instance" }}{{ if $i }}, {{ end }}{{ label "instance" $e }}{{ end }}',
  '{{ $externalLabels.cluster }}: {{ $externalURL }}/alerts',
  '{{ .ExternalURL }}{{ pathPrefix }}{{ externalURL }}',
  '<a href="{{ graphLink "up == 0" }}">graph</a> <a href="{{ tableLink "up" }}">table</a>',
  '{{ reReplaceAll ":[0-9]+" "" $labels.instance }} / {{ $labels.instance | stripPort }} / {{ stripDomain $labels.instance }}',
  'since {{ humanizeTimestamp $value }} ({{ toTime $value }}), window {{ parseDuration "5m" }}s',
  '{{ title "hello" }} {{ toUpper $labels.severity }} {{ toLower "X" }} {{ match "^prod" $labels.env }} {{ safeHtml "<b>" }}',
  '{{ template "x" (args 1 "a") }}{{ strvalue (query "up" | first) }}',
  '{{- /* a comment */ -}} value: {{ .Value }}',
  '{{ define "x" }}y{{ end }}{{ block "b" . }}z{{ end }}',
  '{{ index $labels "pod" }} {{ index .Labels "job" }} {{ len $labels }}',
  '{{ if and (gt $value 1.0) (lt $value 5.0) }}moderate{{ end }}{{ if or (eq $labels.severity "critical") (not true) }}!{{ end }}',
  '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}',
  '{{ $v := $value }}{{ if ge $v 100.0 }}{{ $v = 100.0 }}{{ end }}{{ $v }}',
  '{{ slice "abcdef" 1 3 }} {{ html "<x>" }} {{ js "x" }} {{ urlquery "a b" }} {{ print 1 2 }} {{ println "x" }}',
  '{{ range query "up" }}{{ if eq .Value 0.0 }}{{ continue }}{{ end }}{{ .Labels.job }}{{ break }}{{ end }}',
  // mistakes seen in real rule files
  '{{ $labels.instance } is down',
  '{{ $label.instance }} is down',
  '{{ humanizePercent $value }}',
  '{{ $labels.pod-name }}',
  '{{ $labels["pod"] }}',
  '{{ $value | humanize | }}',
  '{{ if $value > 10 }}high{{ end }}',
  '{{ if gt $value 10 }}high',
  'done {{ end }}',
  '{{ $values }}',
  '{{ default "x" $labels.y }}',
  '{{ $labels.instance | upper }}',
  '{{ printf "%s" $labels.x }',
  '{{{ $labels.x }}}',
  "{{ 'abc' }}",
  '{{ index .Labels "pod-name" }}',
  '{{ .Labels.instance }}}',
  '{{ $value | printf "%.2f" }}',
  '{{ with $labels.x }}{{ else with $labels.y }}{{ end }}',
  '{{ humanize $value }}%}}',
  '{{ "{{" }} literal braces',
  'CPU > 90% {{ $value|humanize }}',
];

export { mulberry32 as rng } from '../helpers/prng.ts';

type Rand = () => number;

function pick<T>(r: Rand, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)];
  if (x === undefined) throw new Error('pick from empty list');
  return x;
}

const LABELS = ['instance', 'job', 'namespace', 'pod', 'container', 'device', 'severity', 'cluster', 'node', 'le'];
const FUNCS = [
  'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime', 'toUpper', 'toLower',
  'title', 'stripPort', 'stripDomain', 'safeHtml', 'printf', 'print', 'println', 'len', 'index', 'slice', 'eq', 'ne', 'lt',
  'le', 'gt', 'ge', 'and', 'or', 'not', 'html', 'js', 'urlquery', 'query', 'first', 'value', 'label', 'strvalue', 'args',
  'reReplaceAll', 'match', 'graphLink', 'tableLink', 'sortByLabel', 'parseDuration', 'pathPrefix', 'externalURL', 'call',
];
const UNKNOWN_FUNCS = ['humanise', 'humanizePercent', 'upper', 'default', 'toJson', 'trim', 'printff', 'date', 'quote', 'Humanize'];
const NUMBERS = [
  '0', '1', '10', '0.5', '1e3', '-1', '+2', '0x1F', '1_000', '.5', '1.5i', '0o17', '0b11', '089', '1e400', '1+2i', '0x1p-2',
  "'a'", "'\\n'", "'ab'", "''", '1e', '0x', '1__0', '99999999999999999999', '-0', '0x1.8', '2i', '1-1i',
];
const STRINGS = [
  '"%.2f"', '"up"', '`raw`', '"a\\"b"', '"\\q"', '"%s"', "\"node_load1{instance='%s'}\"", '"é"', '"\\u00e9"', '"\\x41"',
  '"\\400"', '"\\377"', '"\\U0010FFFF"', '"\\ud800"', '""', '`multi\nline`', '"instance"',
];
const TEXT = ['Pod ', ' is down', '\n', ': ', '% ', 'value=', ' on ', '(', ')', '}', '{', '-', '  ', '\t', 'é…', '$x', '.'];

class Gen {
  private vars: string[] = [];
  private inRange = 0;
  constructor(private readonly r: Rand) {}

  private operand(depth: number): string {
    const r = this.r;
    const k = r();
    if (k < 0.22) return `$labels.${pick(r, LABELS)}`;
    if (k < 0.3) return `.Labels.${pick(r, LABELS)}`;
    if (k < 0.4) return pick(r, ['$value', '.Value', '$externalLabels.cluster', '$externalURL', '.ExternalURL', '$', '.', '$.Labels.job']);
    if (k < 0.52) return pick(r, NUMBERS);
    if (k < 0.66) return pick(r, STRINGS);
    if (k < 0.7) return pick(r, ['true', 'false', 'nil']);
    if (k < 0.8) return this.vars.length > 0 && r() < 0.8 ? pick(r, this.vars) : pick(r, ['$foo', '$x', '$i']);
    if (depth < 3) return `(${this.pipeline(depth + 1)})`;
    return '$value';
  }

  private command(depth: number, piped: boolean): string {
    const r = this.r;
    if (!piped && r() < 0.3) return this.operand(depth);
    const fn = r() < 0.9 ? pick(r, FUNCS) : pick(r, UNKNOWN_FUNCS);
    const n = Math.floor(r() * (piped ? 2 : 4));
    const args = Array.from({ length: n }, () => this.operand(depth));
    return [fn, ...args].join(pick(this.r, [' ', ' ', ' ', '  ', '\n']));
  }

  pipeline(depth: number): string {
    const r = this.r;
    let decl = '';
    if (r() < 0.15) {
      const v = pick(r, ['$v', '$w', '$x', '$labels', '$value']);
      decl = `${v} ${r() < 0.8 ? ':=' : '='} `;
      this.vars.push(v);
    }
    const cmds = [this.command(depth, false)];
    const more = r() < 0.35 ? 1 + Math.floor(r() * 2) : 0;
    for (let i = 0; i < more; i++) cmds.push(this.command(depth, true));
    return decl + cmds.join(pick(r, [' | ', '|', ' |\n']));
  }

  private action(body: string): string {
    const r = this.r;
    const left = r() < 0.15 ? '{{- ' : pick(r, ['{{ ', '{{', '{{  ']);
    const right = r() < 0.15 ? ' -}}' : pick(r, [' }}', '}}', ' }}']);
    return `${left}${body}${right}`;
  }

  private control(depth: number): string {
    const r = this.r;
    const k = r();
    const saved = this.vars.length;
    let out: string;
    if (k < 0.4) {
      out = `${this.action(`if ${this.pipeline(1)}`)}${this.list(depth + 1)}`;
      if (r() < 0.3) out += `${this.action(`else if ${this.pipeline(1)}`)}${this.list(depth + 1)}`;
      if (r() < 0.4) out += `${this.action('else')}${this.list(depth + 1)}`;
    } else if (k < 0.7) {
      const decl = r() < 0.5 ? pick(r, ['$i, $e := ', '$e := ', '$k, $v := ']) : '';
      decl.match(/\$\w+/g)?.forEach((v) => this.vars.push(v));
      this.inRange++;
      out = `${this.action(`range ${decl}${pick(r, ['query "up"', '$labels', '.', 'query "up" | sortByLabel "job"'])}`)}${this.list(depth + 1)}`;
      this.inRange--;
      if (r() < 0.2) out += `${this.action('else')}${this.list(depth + 1)}`;
    } else {
      out = `${this.action(`with ${this.pipeline(1)}`)}${this.list(depth + 1)}`;
      if (r() < 0.3) out += `${this.action('else')}${this.list(depth + 1)}`;
    }
    this.vars.length = saved;
    return `${out}${this.action('end')}`;
  }

  list(depth: number): string {
    const r = this.r;
    const n = 1 + Math.floor(r() * (depth === 0 ? 5 : 3));
    let out = '';
    for (let i = 0; i < n; i++) {
      const k = r();
      if (k < 0.3) out += pick(r, TEXT);
      else if (k < 0.75 || depth > 2) out += this.action(this.pipeline(0));
      else if (k < 0.88) out += this.control(depth);
      else if (k < 0.92) out += this.inRange > 0 || r() < 0.3 ? this.action(pick(r, ['break', 'continue'])) : '{{/* note */}}';
      else if (k < 0.96) out += pick(r, ['{{/* c */}}', '{{- /* c */ -}}', '{{ template "t" . }}', '{{template `t`}}']);
      else out += depth === 0 ? pick(r, ['{{ define "d" }}x{{ end }}', '{{ block "b" . }}y{{ end }}']) : '';
    }
    return out;
  }
}

export function generateTemplate(r: Rand): string {
  return new Gen(r).list(0);
}

const SNIPPETS = [
  '{', '}', '{{', '}}', '-', ' ', '$', '.', '"', '`', "'", '(', ')', '|', '\n', '/*', '*/', ':=', '=', ',', 'i', '0', 'x',
  '_', '\\', 'é', '…', ' -', '- ', '{{end}}', '{{ else }}', '{{ if $value }}', '\t', '+', 'e', 'p', '\u00a0', '😀', '#', '%',
  '~', ':', '\r', 'nil', 'true', '$labels', '.Labels', 'range', 'break', '\u200b',
];
const WORDS = [...FUNCS.slice(0, 12), ...UNKNOWN_FUNCS.slice(0, 5), 'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'nil', 'break', 'continue', 'true'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** One or two random edits; undefined when an edit would split a surrogate pair. */
export function mutate(r: Rand, s: string): string | undefined {
  let out = s;
  const edits = 1 + (r() < 0.3 ? 1 : 0);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (out.length + 1));
    const k = r();
    if (k < 0.2) out = out.slice(0, at) + out.slice(at + 1);
    else if (k < 0.5) out = out.slice(0, at) + pick(r, SNIPPETS) + out.slice(at);
    else if (k < 0.6) out = out.slice(0, at) + out.slice(at + 2 + Math.floor(r() * 5));
    else if (k < 0.68) out = out.slice(0, at) + out.slice(Math.max(0, at - 6), at) + out.slice(at);
    else if (k < 0.74) out = out.slice(0, at);
    else if (k < 0.82) out = out.slice(0, at) + out.slice(at + 1, at + 2) + out.slice(at, at + 1) + out.slice(at + 2);
    else {
      const words = [...out.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)];
      const w = words.length > 0 ? pick(r, words) : undefined;
      if (w?.index !== undefined) out = out.slice(0, w.index) + pick(r, WORDS) + out.slice(w.index + w[0].length);
    }
  }
  return LONE_SURROGATE.test(out) ? undefined : out;
}
