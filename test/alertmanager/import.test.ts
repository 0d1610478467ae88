import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

let fx: FixtureProject | undefined;
afterEach(() => fx?.cleanup());

const SIMPLE = readFileSync(new URL('./fixtures/simple.yml', import.meta.url), 'utf8');

type Y = Record<string, unknown>;

describe('obs import alertmanager', () => {
  it('round trip: import → build writes the same configuration, secrets as placeholders', async () => {
    fx = createFixtureProject({ files: { 'am/alertmanager.yml': SIMPLE } });
    const imported = await fx.run(['import', 'alertmanager', 'am/alertmanager.yml']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('wrote alertmanager/index.ts');
    expect(imported.stdout).toContain("secretPlaceholder('GLOBAL_SMTP_AUTH_PASSWORD')");
    const module = fx.read('alertmanager/index.ts');
    expect(module).not.toContain('<team-X-key>');
    expect(module).not.toMatch(/'password'/);
    const built = await fx.run(['build']);
    expect(built.code, built.stderr).toBe(0);
    const got = parse(fx.read('out/alertmanager/alertmanager.yml')) as Y;
    const want = parse(SIMPLE) as Y;
    // What the import changes on purpose: secrets leave the file, match becomes matchers.
    (want.global as Y).smtp_auth_password = '${GLOBAL_SMTP_AUTH_PASSWORD}';
    ((want.receivers as Y[])[1]!.pagerduty_configs as Y[])[0]!.service_key = '${TEAM_X_PAGER_SERVICE_KEY}';
    const files = ((want.route as Y).routes as Y[])[1]!;
    delete files.match;
    const routes = (want.route as Y).routes as Y[];
    routes[1] = { receiver: 'team-Y-mails', matchers: ['service="files"'], routes: files.routes };
    expect(normalize(got)).toEqual(normalize(want));
  });

  it('refuses what the DSL cannot write yet, and writes nothing', async () => {
    fx = createFixtureProject({ files: { 'am.yml': 'route: { receiver: t }\nreceivers:\n  - name: t\n    telegram_configs: [{ chat_id: 1 }]\n' } });
    const r = await fx.run(['import', 'alertmanager', 'am.yml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('receivers[0].telegram_configs');
  });
});

/** Keys sorted, quoted/unquoted matcher forms unified. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'string') return v.replace(/^([a-zA-Z_]+)(=~|!~|!=|=)"?(.*?)"?$/, '$1$2"$3"');
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, normalize((v as Y)[k])]));
  return v;
}
