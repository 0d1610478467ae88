import { defineConfig } from './dsl/index.ts';

export default defineConfig({
  // The Prometheus our rules run on. CI checks them with this version's promtool and loads them
  // into this version's server.
  prometheus: { version: '2.42' },
  rules: { outputs: ['prometheus'] },
  // The Alertmanager the routing in alertmanager/ is for (Debian 12's): it decides which fields exist.
  alertmanager: { version: '0.25' },
  policy: {
    requiredAlertLabels: { severity: ['page', 'ticket', 'info'] },
    // Every alert tells on-call what is wrong and where the runbook is (Slack messages show both).
    requiredAnnotations: ['summary', 'runbook_url'],
    alertNamePattern: '^[A-Z][A-Za-z0-9]+$',
  },
});
