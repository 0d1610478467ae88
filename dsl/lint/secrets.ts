/**
 * The one secret detector of obs: what counts as a credential, for every place that looks for one.
 *
 * - Texts (what rules and dashboards emit, the strings of plain rule and dashboard files) are
 *   scanned with secretlint (@secretlint/core and its recommended preset: Slack tokens and incoming
 *   webhooks, AWS secret access keys, GitHub, GitLab, Grafana (service account, Cloud API) tokens,
 *   basic-auth credentials in URLs, private keys, npm, OpenAI, Anthropic, Stripe, SendGrid, Shopify,
 *   GCP...) plus obs's text rules below. The scan is asynchronous (secretlint's API is), so the
 *   build runs it before the checks and hands the result to the `security/secrets` check as an option.
 * - URLs an Alertmanager receiver calls (webhook `url`, `proxy_url`) are classified by obs's URL
 *   rules below, synchronously: the `alertmanager/secrets` check and `obs import alertmanager`
 *   (which turns such a URL into a placeholder) ask `urlSecret`.
 *
 * obs's own rules are one table (OBS_SECRET_RULES): add a rule there and it applies wherever its
 * kind of value is checked.
 */
import { formatMessage, type MessageData } from './message.ts';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { creator as patternRule } from '@secretlint/secretlint-rule-pattern';

export interface SecretHit {
  /** e.g. `@secretlint/secretlint-rule-slack`. */
  readonly ruleId: string;
  /** e.g. `IncomingWebhook`. */
  readonly messageId: string;
  /** secretlint's message, the secret masked. */
  readonly message: string;
  /** Offsets into the text. */
  readonly start: number;
  readonly end: number;
}

/** Hits per scanned text (texts without any are absent). */
export type SecretScan = ReadonlyMap<string, readonly SecretHit[]>;

/** A rule of obs's own: for texts, a secretlint pattern (a /regex/flags string); for URLs, a test and the reason it gives. */
export type ObsSecretRule =
  | { readonly kind: 'text'; readonly name: string; readonly pattern: string }
  | { readonly kind: 'url'; readonly name: string; readonly test: (url: string) => string | undefined };

/** Query parameters whose value is a credential. */
const SECRET_PARAM = /[?&](token|access_token|api_?key|apikey|key|secret|sig|signature|auth|password|pass|code)=[^&]+/i;
/** Services whose incoming-webhook URL is itself the credential. */
const WEBHOOK_HOSTS = [
  /^https?:\/\/hooks\.slack\.com\/(services|workflows|triggers)\//i,
  /^https?:\/\/[^/]*\.webhook\.office\.com\//i,
  /^https?:\/\/outlook\.office(365)?\.com\/webhook/i,
  /^https?:\/\/(discord|discordapp)\.com\/api\/webhooks\//i,
  /^https?:\/\/[^/]*\.logic\.azure\.com\//i,
  /^https?:\/\/chat\.googleapis\.com\//i,
];

/** obs's rules, beside secretlint's preset. URL rules apply in this order; the first that matches gives the reason. */
export const OBS_SECRET_RULES: readonly ObsSecretRule[] = [
  {
    // The preset has no rule for a password written as a plain assignment (`password: hunter2`,
    // `passwd=...`), which is how one ends up in an annotation; secretlint's pattern rule carries
    // it. The value must not be a template or a variable (`{{ $labels.x }}`, `$pw`, `${pw}`).
    kind: 'text',
    name: 'password assignment',
    pattern: String.raw`/\b(?:password|passwd|pwd)\s*[:=]\s*(?<password>(?![{$<])[^\s"',;]{4,})/i`,
  },
  {
    kind: 'url',
    name: 'password in the URL',
    test: (url) =>
      /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]+@/i.test(url) ? 'it carries a password (user:password@)' : undefined,
  },
  {
    kind: 'url',
    name: 'credential parameter',
    test: (url) => {
      const q = SECRET_PARAM.exec(url);
      return q ? `its ${JSON.stringify(q[1])} parameter is a credential` : undefined;
    },
  },
  {
    kind: 'url',
    name: 'incoming-webhook URL',
    test: (url) =>
      WEBHOOK_HOSTS.some((h) => h.test(url))
        ? 'an incoming-webhook URL of this service is itself the credential'
        : undefined,
  },
];

const TEXT_PATTERNS = OBS_SECRET_RULES.flatMap((r) =>
  r.kind === 'text' ? [{ name: r.name, patterns: [r.pattern] }] : [],
);
const URL_RULES = OBS_SECRET_RULES.flatMap((r) => (r.kind === 'url' ? [r] : []));

const CONFIG = {
  rules: [
    { id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended },
    { id: '@secretlint/secretlint-rule-pattern', rule: patternRule, options: { patterns: TEXT_PATTERNS } },
  ],
};

/**
 * Why a URL an Alertmanager receiver calls is a secret (a `user:password@`, a `token=`-style
 * parameter, an incoming-webhook URL of Slack, Teams, Discord, Azure Logic Apps or Google Chat),
 * or undefined: the URL can be written as it is.
 */
export function urlSecret(url: string): string | undefined {
  for (const r of URL_RULES) {
    const why = r.test(url);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** Scans every distinct text once, all in one secretlint run. */
export async function scanSecrets(texts: Iterable<string>): Promise<SecretScan> {
  const unique = [...new Set(texts)];
  if (unique.length === 0) return new Map();
  // One document, a text per line (newlines inside a text are kept: starts[] maps offsets back).
  const starts: number[] = [];
  let offset = 0;
  for (const t of unique) {
    starts.push(offset);
    offset += t.length + 1;
  }
  const content = unique.join('\n');
  const result = await lintSource({
    source: { filePath: '/obs/emitted-texts.txt', content, contentType: 'text', ext: '.txt' },
    options: { config: CONFIG, maskSecrets: true },
  });
  const hits = new Map<string, SecretHit[]>();
  for (const m of result.messages) {
    const [from, to] = m.range;
    // The text holding the hit's start: the last start at or before it.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= from) lo = mid;
      else hi = mid - 1;
    }
    const text = unique[lo] ?? '';
    const base = starts[lo] ?? 0;
    const list = hits.get(text) ?? [];
    list.push({
      ruleId: m.ruleId,
      messageId: m.messageId,
      message: m.message,
      start: from - base,
      end: Math.min(to - base, text.length),
    });
    hits.set(text, list);
  }
  return hits;
}

/** What `security/secrets` says about a hit in `what` (e.g. `annotation "x" of alert A`); the secret stays masked. */
export function secretReport(
  what: string,
  hit: SecretHit,
  fix: string,
): { messageId: 'secret'; data: MessageData; message: string; hint: string } {
  // secretlint masks the pattern rule's name too: obs names its own pattern.
  const found =
    hit.ruleId === '@secretlint/secretlint-rule-pattern' ? 'a password assignment (password: …)' : hit.message;
  const data = {
    what,
    found,
    rule: hit.ruleId.replace('@secretlint/secretlint-rule-', 'secretlint '),
    ruleMessage: hit.messageId,
  };
  return {
    messageId: 'secret',
    data,
    message: formatMessage('security/secrets', SECRET_MESSAGE, data),
    hint: `remove it (credentials belong in Alertmanager or a secret store); ${fix}`,
  };
}

/** The message of `security/secrets` (also reported for plain rule and dashboard files, outside the engine). */
export const SECRET_MESSAGE = '{{what}} holds a secret: {{found}} ({{rule}} {{ruleMessage}})';
