// Pieces every team's routing uses: where Alertmanager finds its secrets, the Slack message layout
// (summary, description and runbook link of every alert, which rules/policy requires), and the
// business-hours interval.
import { notificationTemplate, secretFile, timeInterval } from '../dsl/index.ts';

/** A secret file on the Alertmanager host; the deployment mounts them there (never in the repository). */
export const secret = (name: string) => secretFile(`/etc/alertmanager/secrets/${name}`);

export const slackTemplate = notificationTemplate({
  name: 'slack.tmpl',
  text: `{{ define "obs.slack.title" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ end }}

{{ define "obs.slack.text" }}{{ range .Alerts }}*{{ .Annotations.summary }}*
{{ if .Annotations.description }}{{ .Annotations.description }}
{{ end }}Runbook: {{ .Annotations.runbook_url }}
{{ end }}{{ end }}
`,
});

/** Slack fields shared by every Slack receiver: the message layout and resolved notifications. */
export const slackMessage = { sendResolved: true, title: '{{ template "obs.slack.title" . }}', text: '{{ template "obs.slack.text" . }}' } as const;

/** Weekdays 09:00-18:00, Berlin time: when heads-up (info) alerts are worth a message. */
export const businessHours = timeInterval({
  name: 'business-hours',
  periods: [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }], location: 'Europe/Berlin' }],
});
