import { intervalName, parseMatcher, receiverName, type Route } from '../../../alertmanager/index.ts';
import { parseDuration } from '../../../core/duration.ts';
import type { SourceLocation } from '../../../core/diagnostic.ts';
import { closest } from '../../../registry/index.ts';
import { defineCheck, type MessageData } from '../../check.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const TEMPLATE_NAME = /^[A-Za-z0-9._-]+\.tmpl$/;

const MESSAGES = {
  rootReceiver: 'the root route has no receiver',
  duplicateReceiver: 'two receivers are named {{receiver}}',
  emptyReceiverName: 'a receiver has an empty name',
  emailTo: 'receiver {{receiver}}: an e-mail config has no "to"',
  emailSmarthost: 'receiver {{receiver}}: e-mail needs an SMTP smarthost',
  emailFrom: 'receiver {{receiver}}: e-mail needs a sender',
  pagerdutyKey:
    'receiver {{receiver}}: a PagerDuty config needs exactly one of routingKey (Events API v2) and serviceKey (v1)',
  slackUrl: 'receiver {{receiver}}: Slack needs an incoming-webhook URL',
  opsgenieKey: 'receiver {{receiver}}: Opsgenie needs an API key',
  duplicateInterval: 'two time intervals are named {{name}}',
  timeOfDay: 'time interval {{name}}: {{time}} is not a time of day',
  timeOrder: 'time interval {{name}}: {{start}} is not before {{end}}',
  templateName: 'template name {{name}} is not a file name ending in .tmpl',
  duplicateTemplate: 'two templates are named {{name}}',
  matcher: '{{error}}',
  undefinedReceiver: '{{what}} names receiver {{name}}, which is not defined',
  receiverObject: 'a route uses a receiver object named {{name}} that is not the one in receivers',
  duration: '{{field}} {{value}} is not a duration',
  rootIntervals: 'the root route cannot have time intervals',
  undefinedInterval: 'a route names time interval {{name}}, which is not defined',
};

export default defineCheck({
  meta: {
    id: 'alertmanager/config',
    description:
      'The Alertmanager configuration is complete and consistent: receivers, time intervals, matchers, durations',
    severity: 'error',
    scope: 'project',
    needs: ['alertmanager'],
    messages: MESSAGES,
    docs: `What Alertmanager refuses at start (and \`amtool check-config\` reports without a location), found at the
TS line: a root route without a receiver; a route, or a routing test, naming a receiver or time interval that
is not defined; two receivers, time intervals or templates of one name; a matcher that is not in
Alertmanager's syntax (\`name="value"\`, \`!=\`, \`=~\`, \`!~\`) or whose regular expression does not compile;
a duration that is not one (\`30s\`, \`5m\`, \`4h\`); time intervals on the root route; a \`times\` entry that is
not \`HH:MM\`; a receiver integration that lacks what it needs (an e-mail without \`to\`, a PagerDuty config
with neither or both of \`routingKey\` and \`serviceKey\`, Slack or Opsgenie without their key here or in
\`global\`, an e-mail without a smarthost and sender here or in \`global\`).`,
  },
  run(ctx) {
    const v = ctx.alertmanager;
    if (!v) return;
    const { config } = v;
    const at = (site: SourceLocation | undefined): SourceLocation => site ?? { file: v.module, line: 1, column: 1 };
    const report = (
      messageId: keyof typeof MESSAGES,
      data: MessageData,
      hint: string,
      location: SourceLocation | undefined,
    ): void => ctx.report({ messageId, data, hint, location: at(location), subject: 'alertmanager' });
    if (!receiverName(config.route.receiver))
      report(
        'rootReceiver',
        {},
        'set route({ receiver: ... }) on the root: alerts no other route takes go there',
        config.route.site ?? config.site,
      );
    const names = [...v.receivers.keys()];
    const seen = new Map<string, string>();
    for (const r of config.receivers) {
      const prev = seen.get(r.name);
      if (prev !== undefined)
        report('duplicateReceiver', { receiver: JSON.stringify(r.name) }, 'give each receiver its own name', r.site);
      seen.set(r.name, r.name);
      if (!/\S/.test(r.name)) report('emptyReceiverName', {}, 'name the receiver', r.site);
      const g = config.global;
      for (const e of r.email ?? []) {
        if (!e.to)
          report(
            'emailTo',
            { receiver: JSON.stringify(r.name) },
            'set to: the address the notifications go to',
            r.site,
          );
        if (!e.smarthost && !g?.smtpSmarthost)
          report(
            'emailSmarthost',
            { receiver: JSON.stringify(r.name) },
            'set smarthost here or global.smtpSmarthost',
            r.site,
          );
        if (!e.from && !g?.smtpFrom)
          report('emailFrom', { receiver: JSON.stringify(r.name) }, 'set from here or global.smtpFrom', r.site);
      }
      for (const p of r.pagerduty ?? []) {
        if (!p.routingKey === !p.serviceKey)
          report('pagerdutyKey', { receiver: JSON.stringify(r.name) }, 'keep one of them', r.site);
      }
      for (const s of r.slack ?? [])
        if (!s.apiUrl && !g?.slackApiUrl)
          report(
            'slackUrl',
            { receiver: JSON.stringify(r.name) },
            'set apiUrl: secretFile(...) here or global.slackApiUrl',
            r.site,
          );
      for (const o of r.opsgenie ?? [])
        if (!o.apiKey && !g?.opsgenieApiKey)
          report(
            'opsgenieKey',
            { receiver: JSON.stringify(r.name) },
            'set apiKey: secretFile(...) here or global.opsgenieApiKey',
            r.site,
          );
    }
    const intervalNames = new Set<string>();
    for (const t of config.timeIntervals ?? []) {
      if (intervalNames.has(t.name))
        report('duplicateInterval', { name: JSON.stringify(t.name) }, 'give each time interval its own name', t.site);
      intervalNames.add(t.name);
      for (const p of t.periods) {
        for (const time of p.times ?? []) {
          for (const hhmm of [time.start, time.end]) {
            if (!TIME.test(hhmm))
              report(
                'timeOfDay',
                { name: JSON.stringify(t.name), time: JSON.stringify(hhmm) },
                'write HH:MM, 00:00 to 24:00',
                v.locateText(t.site, hhmm),
              );
          }
          if (TIME.test(time.start) && TIME.test(time.end) && time.start >= time.end)
            report(
              'timeOrder',
              { name: JSON.stringify(t.name), start: time.start, end: time.end },
              'a range ends after it starts; split a range over midnight in two',
              v.locateText(t.site, time.start),
            );
        }
      }
    }
    const templates = new Set<string>();
    for (const t of config.templates ?? []) {
      if (!TEMPLATE_NAME.test(t.name))
        report(
          'templateName',
          { name: JSON.stringify(t.name) },
          'use letters, digits, ".", "_" and "-", ending in .tmpl',
          t.site,
        );
      if (templates.has(t.name))
        report('duplicateTemplate', { name: JSON.stringify(t.name) }, 'give each template its own name', t.site);
      templates.add(t.name);
    }
    const matchers = (texts: readonly string[] | undefined, site: SourceLocation | undefined): void => {
      for (const m of texts ?? []) {
        const p = parseMatcher(m);
        if (!p.ok)
          report(
            'matcher',
            { error: p.error },
            'matchers are Alertmanager\'s syntax: team="api", severity=~"page|ticket"',
            v.locateText(site, m),
          );
      }
    };
    const receiverRef = (name: string | undefined, site: SourceLocation | undefined, what: string): void => {
      if (name === undefined || v.receivers.has(name)) return;
      const near = closest(name, names);
      report(
        'undefinedReceiver',
        { what, name: JSON.stringify(name) },
        near.length ? `did you mean ${JSON.stringify(near[0])}?` : 'add it to receivers, or name one of them',
        v.locateText(site, name),
      );
    };
    const visit = (r: Route, root: boolean): void => {
      receiverRef(receiverName(r.receiver), r.site, 'a route');
      if (
        typeof r.receiver === 'object' &&
        v.receivers.get(r.receiver.name) !== r.receiver &&
        v.receivers.has(r.receiver.name)
      ) {
        report(
          'receiverObject',
          { name: JSON.stringify(r.receiver.name) },
          'list the receiver you route to in receivers',
          r.site,
        );
      }
      matchers(r.matchers, r.site);
      for (const [key, d] of [
        ['groupWait', r.groupWait],
        ['groupInterval', r.groupInterval],
        ['repeatInterval', r.repeatInterval],
      ] as const) {
        if (d !== undefined && !parseDuration(d).ok)
          report(
            'duration',
            { field: key, value: JSON.stringify(d) },
            'write e.g. 30s, 5m, 4h',
            v.locateText(r.site, d),
          );
      }
      for (const t of [...(r.muteTimeIntervals ?? []), ...(r.activeTimeIntervals ?? [])]) {
        const n = intervalName(t);
        if (root) report('rootIntervals', {}, 'mute or activate a child route instead', r.site);
        else if (!intervalNames.has(n))
          report('undefinedInterval', { name: JSON.stringify(n) }, 'add it to timeIntervals', v.locateText(r.site, n));
      }
      for (const c of r.routes ?? []) visit(c, false);
    };
    visit(config.route, true);
    for (const i of config.inhibitRules ?? []) {
      matchers(i.sourceMatchers, i.site);
      matchers(i.targetMatchers, i.site);
    }
    for (const t of config.tests ?? []) for (const name of t.receivers) receiverRef(name, t.site, 'a routing test');
  },
});
