/**
 * What an alert template may call and read when promtool 2.42 parses it. Go rejects an unknown
 * function name at parse time, so this list decides validity; it is Prometheus v2.42.0's
 * `template.NewTemplateExpander` function map plus Go's text/template builtins (Go 1.19).
 */

/** Prometheus's template functions (template/template.go, v2.42.0). */
export const PROMETHEUS_TEMPLATE_FUNCTIONS = [
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'args',
  'reReplaceAll',
  'safeHtml',
  'match',
  'title',
  'toUpper',
  'toLower',
  'graphLink',
  'tableLink',
  'sortByLabel',
  'stripPort',
  'stripDomain',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'toTime',
  'pathPrefix',
  'externalURL',
  'parseDuration',
] as const;

/** Go's text/template builtins (text/template/funcs.go, Go 1.19). */
export const GO_TEMPLATE_BUILTINS = [
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
] as const;

export type AlertTemplateFunctionName =
  (typeof PROMETHEUS_TEMPLATE_FUNCTIONS)[number] | (typeof GO_TEMPLATE_BUILTINS)[number];

/** Every function an alert label or annotation template may call. */
export const ALERT_TEMPLATE_FUNCTIONS: ReadonlySet<string> = new Set<string>([
  ...PROMETHEUS_TEMPLATE_FUNCTIONS,
  ...GO_TEMPLATE_BUILTINS,
]);

/**
 * The text Prometheus puts in front of every alert label and annotation template before parsing
 * it (model/rulefmt/rulefmt.go `testTemplateParsing`, and rules/alerting.go when expanding). It has
 * no newline, so Go's line numbers are the author's; only columns on line 1 would shift.
 */
export const PROMETHEUS_TEMPLATE_HEADER =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

/** The variables that header declares. */
export const PREDECLARED_VARIABLES = ['$labels', '$externalLabels', '$externalURL', '$value'] as const;
