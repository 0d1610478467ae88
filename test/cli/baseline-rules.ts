/**
 * The rule file the lint baseline and --new-since tests edit, in the shape of a mixin's alert file
 * (kubernetes-mixin prometheus_alerts.yaml): two problems obs reports (a template label the
 * aggregation drops, a topk alert) that a team has in production today.
 */
export const RULES = `groups:
  - name: api
    rules:
      - alert: ApiErrors
        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1
        annotations: { summary: "errors on {{ $labels.instance }}" }
      - alert: ApiTop
        expr: topk(3, rate(http_requests_total[5m])) > 100
`;

/** An edit that moves the known problems down: a group added above them. */
export const MOVE_DOWN = ['  - name: api\n', '  - name: first\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n  - name: api\n'] as const;

/** A new problem: another template label the aggregation drops. */
export const NEW_RULE = `      - alert: ApiSlow
        expr: sum by (job) (rate(http_requests_total[5m])) > 1
        annotations: { summary: "slow on {{ $labels.pod }}" }
`;
