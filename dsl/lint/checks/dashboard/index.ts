/** The dashboard checks, in the order they run (listed explicitly, like the catalogue itself). */
import type { Check } from '../../check.ts';
import closedOptions from './closed-options.ts';
import counterRate from './counter-rate.ts';
import datasourceVariable from './datasource-variable.ts';
import descriptions from './descriptions.ts';
import duplicateTitle from './duplicate-title.ts';
import duplicateUid from './duplicate-uid.ts';
import editable from './editable.ts';
import jobInstanceMatchers from './job-instance-matchers.ts';
import jobInstanceVariables from './job-instance-variables.ts';
import layout from './layout.ts';
import links from './links.ts';
import multiValueMatcher from './multi-value-matcher.ts';
import panelTargets from './panel-targets.ts';
import panelUnits from './panel-units.ts';
import promql from './promql.ts';
import rateInterval from './rate-interval.ts';
import refIds from './ref-ids.ts';
import repeat from './repeat.ts';
import tableColumns from './table-columns.ts';
import titles from './titles.ts';
import uid from './uid.ts';
import undefinedVariable from './undefined-variable.ts';
import unknownUnit from './unknown-unit.ts';
import variableNames from './variable-names.ts';
import variableRefresh from './variable-refresh.ts';

export const DASHBOARD_CHECKS: readonly Check[] = [
  closedOptions,
  promql,
  undefinedVariable,
  uid,
  duplicateUid,
  duplicateTitle,
  variableNames,
  refIds,
  layout,
  links,
  titles,
  panelTargets,
  unknownUnit,
  panelUnits,
  descriptions,
  datasourceVariable,
  jobInstanceVariables,
  jobInstanceMatchers,
  rateInterval,
  counterRate,
  multiValueMatcher,
  repeat,
  variableRefresh,
  editable,
  tableColumns,
];
