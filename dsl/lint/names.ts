/** Prometheus's name rules (legacy validation, what every Prometheus version accepts). */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidMetricName(s: string): boolean {
  return METRIC_NAME.test(s);
}

export function isValidLabelName(s: string): boolean {
  return LABEL_NAME.test(s);
}
