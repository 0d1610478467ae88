/**
 * `obs import alertmanager FILE`: an alertmanager.yml becomes a TS module of alertmanagerConfig,
 * route, receiver, inhibitRule and timeInterval calls that builds the same configuration. `*_file`
 * fields become `secretFile(path)`; a secret written into the file (a Slack URL, a routing key, a
 * password, a webhook URL with a token) becomes `secretPlaceholder('NAME')`, listed in the notes:
 * the value stays out of the repository. `match`/`match_re` become matchers.
 */
import { parse } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.ts';
import { tsKey, tsString } from './code/literal.ts';
import { tsModule } from './code/module.ts';
import { codeWriter, type CodeBlockWriter } from './code/writer.ts';
import { formatMatcher } from '../alertmanager/index.ts';
import { urlSecret } from '../lint/secrets.ts';

type Y = Record<string, unknown>;

export type AlertmanagerImport =
  | {
      readonly ok: true;
      moduleText(from: string): string;
      readonly receivers: number;
      readonly routes: number;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const INTEGRATIONS: Readonly<Record<string, string>> = {
  slack_configs: 'slack',
  email_configs: 'email',
  pagerduty_configs: 'pagerduty',
  webhook_configs: 'webhook',
  opsgenie_configs: 'opsgenie',
  msteams_configs: 'msteams',
};
/** Secret fields per integration (and global), by their YAML name. */
const SECRETS: Readonly<Record<string, readonly string[]>> = {
  slack: ['api_url'],
  email: ['auth_password'],
  pagerduty: ['routing_key', 'service_key'],
  opsgenie: ['api_key'],
  msteams: ['webhook_url'],
  webhook: [],
  global: ['smtp_auth_password', 'slack_api_url', 'opsgenie_api_key'],
  authorization: ['credentials'],
  basic_auth: ['password'],
};
const NOTIFIER = ['send_resolved', 'http_config'];
/** The fields the DSL writes, per config kind (secret fields also in their `_file` form). */
const KNOWN: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries({
    global: [
      'resolve_timeout',
      'smtp_from',
      'smtp_smarthost',
      'smtp_hello',
      'smtp_auth_username',
      'smtp_auth_password',
      'smtp_auth_identity',
      'smtp_require_tls',
      'slack_api_url',
      'pagerduty_url',
      'opsgenie_api_url',
      'opsgenie_api_key',
      'http_config',
    ],
    email: [
      'to',
      'from',
      'smarthost',
      'hello',
      'auth_username',
      'auth_password',
      'auth_identity',
      'require_tls',
      'headers',
      'html',
      'text',
      ...NOTIFIER,
    ],
    slack: [
      'api_url',
      'channel',
      'username',
      'color',
      'title',
      'title_link',
      'pretext',
      'text',
      'footer',
      'fallback',
      'icon_emoji',
      'icon_url',
      'link_names',
      'short_fields',
      ...NOTIFIER,
    ],
    pagerduty: [
      'routing_key',
      'service_key',
      'url',
      'client',
      'client_url',
      'description',
      'details',
      'severity',
      'class',
      'component',
      'group',
      ...NOTIFIER,
    ],
    webhook: ['url', 'max_alerts', ...NOTIFIER],
    opsgenie: [
      'api_key',
      'api_url',
      'message',
      'description',
      'source',
      'details',
      'responders',
      'tags',
      'note',
      'priority',
      'entity',
      'actions',
      ...NOTIFIER,
    ],
    msteams: ['webhook_url', 'title', 'summary', 'text', ...NOTIFIER],
    http: ['authorization', 'basic_auth', 'proxy_url', 'tls_config', 'follow_redirects'],
    authorization: ['type', 'credentials'],
    basic_auth: ['username', 'password'],
  }).map(([k, v]) => [k, new Set(v)]),
);

/** Maps whose keys are data, not field names. */
const VERBATIM = new Set(['headers', 'details']);

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isObj = (v: unknown): v is Y => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A TS value: a raw expression, a (factory call of an) object, or an array. */
type Node =
  | { readonly raw: string }
  | { readonly call?: string; readonly entries: readonly (readonly [string, Node])[] }
  | { readonly items: readonly Node[] };

/** `n` on one line. */
function inline(n: Node): string {
  if ('raw' in n) return n.raw;
  if ('items' in n) return `[${n.items.map(inline).join(', ')}]`;
  const [open, close] = n.call ? [`${n.call}({`, '})'] : ['{', '}'];
  return n.entries.length === 0
    ? `${open}${close}`
    : `${open} ${n.entries.map(([k, v]) => `${tsKey(k)}: ${inline(v)}`).join(', ')} ${close}`;
}

/**
 * `n` at the writer's position: on one line when the value itself fits in 100 columns from the
 * indentation (the key before it and the comma after it are not counted), else one item or entry
 * per line, each laid out the same way.
 */
function write(w: CodeBlockWriter, n: Node): void {
  const one = inline(n);
  const empty = 'items' in n ? n.items.length === 0 : 'entries' in n && n.entries.length === 0;
  if ('raw' in n || empty || w.getIndentationLevel() * 2 + one.length <= 100) {
    w.write(one);
    return;
  }
  if ('items' in n) {
    w.write('[')
      .newLine()
      .indent(() => {
        for (const item of n.items) {
          write(w, item);
          w.write(',').newLine();
        }
      })
      .write(']');
    return;
  }
  w.write(n.call ? `${n.call}({` : '{')
    .newLine()
    .indent(() => {
      for (const [k, v] of n.entries) {
        w.write(`${tsKey(k)}: `);
        write(w, v);
        w.write(',').newLine();
      }
    })
    .write(n.call ? '})' : '}');
}

const raw = (s: string): Node => ({ raw: s });

function plain(v: unknown): Node {
  if (typeof v === 'string') return raw(tsString(v));
  if (typeof v === 'number' || typeof v === 'boolean') return raw(String(v));
  if (Array.isArray(v)) return { items: v.map(plain) };
  if (isObj(v)) return { entries: Object.entries(v).map(([k, x]) => [k, plain(x)] as const) };
  return raw('undefined');
}

export function importAlertmanager(text: string, opts: { file: string }): AlertmanagerImport {
  const fail = (message: string): AlertmanagerImport => ({
    ok: false,
    diagnostics: [
      { checkId: 'import/alertmanager', severity: 'error', message, location: { file: opts.file, line: 1, column: 1 } },
    ],
  });
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return fail(`${opts.file} is not YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (!isObj(doc) || !isObj(doc.route))
    return fail(`${opts.file} is not an Alertmanager configuration: it has no route`);
  const notes: string[] = [];
  const placeholders = new Set<string>();
  const placeholder = (owner: string, field: string): Node => {
    let name = `${owner}_${field}`
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    for (let i = 2; placeholders.has(name); i++) name = `${name}_${i}`;
    placeholders.add(name);
    notes.push(
      `${owner} ${field} was written in the file: it is now secretPlaceholder('${name}'); substitute \${${name}} at deploy time, or use secretFile(...)`,
    );
    return raw(`secretPlaceholder(${tsString(name)})`);
  };
  const unsupported: string[] = [];

  /** Fields of one config object; `kind` names its secret fields, `owner` names placeholders. */
  const fields = (o: Y, kind: string, owner: string, where: string): Node => {
    const entries: [string, Node][] = [];
    const secrets = SECRETS[kind] ?? [];
    for (const [k, v] of Object.entries(o)) {
      const base = k.endsWith('_file') ? k.slice(0, -5) : undefined;
      if (!KNOWN[kind]?.has(base ?? k)) {
        unsupported.push(`${where}.${k}`);
        continue;
      }
      if (base !== undefined && (secrets.includes(base) || (kind === 'webhook' && base === 'url')))
        entries.push([camel(base), raw(`secretFile(${tsString(String(v))})`)]);
      else if (secrets.includes(k) && typeof v === 'string') entries.push([camel(k), placeholder(owner, k)]);
      else if (kind === 'webhook' && k === 'url' && typeof v === 'string' && urlSecret(v))
        entries.push(['url', placeholder(owner, 'url')]);
      else if (k === 'http_config' && isObj(v))
        entries.push(['httpConfig', fields(v, 'http', owner, `${where}.http_config`)]);
      else if ((k === 'authorization' || k === 'basic_auth') && isObj(v))
        entries.push([camel(k), fields(v, k, owner, `${where}.${k}`)]);
      else if (k === 'tls_config' && isObj(v))
        entries.push(['tlsConfig', { entries: Object.entries(v).map(([a, b]) => [camel(a), plain(b)] as const) }]);
      else if (VERBATIM.has(k) || !isObj(v)) entries.push([camel(k), plain(v)]);
      else unsupported.push(`${where}.${k}`);
    }
    return { entries };
  };

  const matchers = (o: Y, prefix: '' | 'source_' | 'target_'): string[] => {
    const out = Array.isArray(o[`${prefix}matchers`]) ? (o[`${prefix}matchers`] as unknown[]).map(String) : [];
    for (const [op, key] of [
      ['=', `${prefix}match`],
      ['=~', `${prefix}match_re`],
    ] as const) {
      if (isObj(o[key]))
        for (const [name, value] of Object.entries(o[key] as Y))
          out.push(formatMatcher({ name, op, value: String(value) }));
    }
    return out;
  };

  let routes = 0;
  const ROUTE_KEYS = new Set([
    'receiver',
    'group_by',
    'continue',
    'matchers',
    'match',
    'match_re',
    'group_wait',
    'group_interval',
    'repeat_interval',
    'mute_time_intervals',
    'active_time_intervals',
    'routes',
  ]);
  const routeNode = (r: Y, where: string): Node => {
    routes++;
    const e: [string, Node][] = [];
    for (const k of Object.keys(r)) if (!ROUTE_KEYS.has(k)) unsupported.push(`${where}.${k}`);
    if (r.receiver !== undefined) e.push(['receiver', plain(String(r.receiver))]);
    const ms = matchers(r, '');
    if (ms.length) e.push(['matchers', plain(ms)]);
    if (Array.isArray(r.group_by)) e.push(['groupBy', plain(r.group_by.map(String))]);
    if (r.continue === true) e.push(['continue', raw('true')]);
    for (const k of ['group_wait', 'group_interval', 'repeat_interval', 'mute_time_intervals', 'active_time_intervals'])
      if (r[k] !== undefined) e.push([camel(k), plain(r[k])]);
    if (Array.isArray(r.routes))
      e.push(['routes', { items: r.routes.filter(isObj).map((c, i) => routeNode(c, `${where}.routes[${i}]`)) }]);
    return { call: 'route', entries: e };
  };

  const receivers = Array.isArray(doc.receivers) ? doc.receivers.filter(isObj) : [];
  const receiverNodes = receivers.map((r, i): Node => {
    const name = String(r.name ?? `receiver-${i}`);
    const e: [string, Node][] = [['name', plain(name)]];
    for (const [k, v] of Object.entries(r)) {
      if (k === 'name') continue;
      const kind = INTEGRATIONS[k];
      if (!kind || !Array.isArray(v)) {
        unsupported.push(`receivers[${i}].${k}`);
        continue;
      }
      e.push([kind, { items: v.filter(isObj).map((c, j) => fields(c, kind, name, `receivers[${i}].${k}[${j}]`)) }]);
    }
    return { call: 'receiver', entries: e };
  });

  const top: [string, Node][] = [];
  const TOP = new Set([
    'global',
    'route',
    'receivers',
    'inhibit_rules',
    'time_intervals',
    'mute_time_intervals',
    'templates',
  ]);
  for (const k of Object.keys(doc)) if (!TOP.has(k)) unsupported.push(k);
  if (isObj(doc.global)) top.push(['global', fields(doc.global, 'global', 'global', 'global')]);
  top.push(['route', routeNode(doc.route, 'route')]);
  top.push(['receivers', { items: receiverNodes }]);
  const inhibit = Array.isArray(doc.inhibit_rules) ? doc.inhibit_rules.filter(isObj) : [];
  if (inhibit.length) {
    top.push([
      'inhibitRules',
      {
        items: inhibit.map((r): Node => ({
          call: 'inhibitRule',
          entries: [
            ['sourceMatchers', plain(matchers(r, 'source_'))],
            ['targetMatchers', plain(matchers(r, 'target_'))],
            ...(Array.isArray(r.equal) ? [['equal', plain(r.equal.map(String))] as [string, Node]] : []),
          ],
        })),
      },
    ]);
  }
  const intervals = [
    ...(Array.isArray(doc.time_intervals) ? doc.time_intervals : []),
    ...(Array.isArray(doc.mute_time_intervals) ? doc.mute_time_intervals : []),
  ].filter(isObj);
  if (intervals.length) {
    top.push([
      'timeIntervals',
      {
        items: intervals.map((t): Node => ({
          call: 'timeInterval',
          entries: [
            ['name', plain(String(t.name))],
            [
              'periods',
              {
                items: (Array.isArray(t.time_intervals) ? t.time_intervals : []).filter(isObj).map((p): Node => ({
                  entries: Object.entries(p).map(
                    ([k, v]) =>
                      (k === 'times' && Array.isArray(v)
                        ? [
                            'times',
                            plain(
                              v.filter(isObj).map((x) => ({ start: String(x.start_time), end: String(x.end_time) })),
                            ),
                          ]
                        : [camel(k), plain(v)]) as [string, Node],
                  ),
                })),
              },
            ],
          ],
        })),
      },
    ]);
  }
  if (Array.isArray(doc.templates) && doc.templates.length)
    notes.push(
      `templates (${doc.templates.join(', ')}) are not imported: add each file's text as notificationTemplate({ name, text })`,
    );
  if (unsupported.length) return fail(`${opts.file} uses what the DSL does not write yet: ${unsupported.join(', ')}`);
  const w = codeWriter();
  w.write('export default ');
  write(w, { call: 'alertmanagerConfig', entries: top });
  w.write(';');
  const body = w.toString();
  const used = [
    'alertmanagerConfig',
    'route',
    'receiver',
    ...(inhibit.length ? ['inhibitRule'] : []),
    ...(intervals.length ? ['timeInterval'] : []),
    ...(body.includes('secretFile(') ? ['secretFile'] : []),
    ...(body.includes('secretPlaceholder(') ? ['secretPlaceholder'] : []),
  ];
  return {
    ok: true,
    receivers: receivers.length,
    routes,
    notes,
    moduleText: (from) => tsModule({ header: [`// Imported by obs from ${opts.file}.`], from, names: used, body }),
  };
}
