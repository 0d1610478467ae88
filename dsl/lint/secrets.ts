/**
 * Finds credentials in text with secretlint (@secretlint/core and its recommended preset: Slack
 * tokens and incoming webhooks, AWS secret access keys, GitHub, GitLab, Grafana (service account,
 * Cloud API) tokens, basic-auth credentials in URLs, private keys, npm, OpenAI, Anthropic, Stripe,
 * SendGrid, Shopify, GCP...). The scan is asynchronous (secretlint's API is), so the build runs it
 * before the checks and hands the result to the `security/secrets` check as an option.
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

/**
 * The preset has no rule for a password written as a plain assignment (`password: hunter2`,
 * `passwd=...`), which is how one ends up in an annotation; secretlint's pattern rule carries this
 * one. The value must not be a template or a variable (`{{ $labels.x }}`, `$pw`, `${pw}`).
 */
const PASSWORD_ASSIGNMENT = String.raw`/\b(?:password|passwd|pwd)\s*[:=]\s*(?<password>(?![{$<])[^\s"',;]{4,})/i`;

const CONFIG = {
  rules: [
    { id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended },
    { id: '@secretlint/secretlint-rule-pattern', rule: patternRule, options: { patterns: [{ name: 'password assignment', patterns: [PASSWORD_ASSIGNMENT] }] } },
  ],
};

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
    list.push({ ruleId: m.ruleId, messageId: m.messageId, message: m.message, start: from - base, end: Math.min(to - base, text.length) });
    hits.set(text, list);
  }
  return hits;
}

/** What `security/secrets` says about a hit in `what` (e.g. `annotation "x" of alert A`); the secret stays masked. */
export function secretReport(what: string, hit: SecretHit, fix: string): { messageId: 'secret'; data: MessageData; message: string; hint: string } {
  // secretlint masks the pattern rule's name too: obs names its own pattern.
  const found = hit.ruleId === '@secretlint/secretlint-rule-pattern' ? 'a password assignment (password: …)' : hit.message;
  const data = { what, found, rule: hit.ruleId.replace('@secretlint/secretlint-rule-', 'secretlint '), ruleMessage: hit.messageId };
  return { messageId: 'secret', data, message: formatMessage('security/secrets', SECRET_MESSAGE, data), hint: `remove it (credentials belong in Alertmanager or a secret store); ${fix}` };
}

/** The message of `security/secrets` (also reported for plain rule and dashboard files, outside the engine). */
export const SECRET_MESSAGE = '{{what}} holds a secret: {{found}} ({{rule}} {{ruleMessage}})';
