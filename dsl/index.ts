/**
 * The authoring surface: what files under alerts/, recording/, dashboards/, slos/, registry/ and
 * obs.config.ts import. Nothing else in dsl/ is part of the authoring API.
 */
export { alert, record, ruleGroup, ruleTest, fileSuppressions, prometheusRule } from './rules/index.ts';
export type {
  AlertRule,
  AlertSpec,
  RecordingRule,
  RecordSpec,
  Rule,
  RuleGroup,
  RuleGroupSpec,
  RuleTest,
  RuleTestSpec,
  Suppression,
  PrometheusRuleSpec,
} from './rules/index.ts';
export { promql, name, labelName, raw, type PromQL } from './promql/template.ts';
export { registry, counter, gauge, histogram, summary, info, stateset, untyped } from './registry/index.ts';
export type { Registry, MetricType, MetricDef, MatcherValue, SelectorText } from './registry/index.ts';
// Dashboards. The gauge and histogram panels are `gaugePanel` and `histogramPanel`: `gauge` and `histogram` are the registry's metric types.
export {
  dashboard,
  row,
  timeseries,
  stat,
  gaugePanel,
  barGauge,
  table,
  heatmap,
  pieChart,
  barChart,
  histogramPanel,
  text,
  logs,
  prometheusQuery,
  query,
  lokiQuery,
  datasourceVariable,
  queryVariable,
  labelValues,
  customVariable,
  intervalVariable,
  constantVariable,
  textboxVariable,
  prometheusAnnotation,
  alertAnnotation,
  link,
  runbookLink,
  dashboardListLink,
  standardVariables,
  redPanels,
  redRow,
  usePanels,
  useRow,
  units,
  transform,
} from './dashboard/index.ts';
export type {
  Dashboard,
  DashboardSpec,
  Panel,
  Row,
  Query,
  Variable,
  Annotation,
  Link,
  Unit,
  Color,
  Thresholds,
  ValueMapping,
  Override,
  JsonObject,
  Expression as DashboardExpression,
  Transformation,
} from './dashboard/index.ts';
// SLOs: one slo({...}) in slos/ becomes SLI rules, burn-rate alerts, promtool tests and a dashboard row.
export { slo, sloDashboard } from './slo/index.ts';
export type { Slo, SloSpec, SliSpec, AlertingSpec, Naming as SloNaming, Period as SloPeriod } from './slo/index.ts';
export { defineConfig } from './config/define-config.ts';
export type { ObsConfig } from './config/types.ts';
export type { Duration } from './core/duration.ts';
export {
  alertmanagerConfig,
  route,
  receiver,
  inhibitRule,
  timeInterval,
  notificationTemplate,
  routingTest,
  secretFile,
  secretPlaceholder,
} from './alertmanager/index.ts';
export type {
  AlertmanagerConfig,
  AlertmanagerConfigSpec,
  Route,
  RouteSpec,
  Receiver,
  ReceiverSpec,
  InhibitRule,
  InhibitRuleSpec,
  TimeInterval,
  TimeIntervalSpec,
  TimePeriod,
  NotificationTemplate,
  RoutingTest,
  RoutingTestSpec,
  Secret,
  Matcher,
  SlackConfig,
  EmailConfig,
  PagerdutyConfig,
  WebhookConfig,
  OpsgenieConfig,
  MsteamsConfig,
  GlobalConfig,
  HttpConfig,
} from './alertmanager/index.ts';
