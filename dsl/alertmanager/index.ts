export * from './types.ts';
export {
  alertmanagerConfig, route, receiver, inhibitRule, timeInterval, notificationTemplate, routingTest, secretFile, secretPlaceholder,
  isAlertmanagerConfig, isSecret, receiverName, intervalName,
} from './factories.ts';
export { parseMatcher, formatMatcher, matchesLabels, matchesValue, parsedMatchers, type MatchOp, type ParsedMatcher, type MatcherParse } from './matchers.ts';
export { MIN_ALERTMANAGER, DEFAULT_ALERTMANAGER, FIELD_SINCE, hasField, parseVersion, versionAtLeast } from './versions.ts';
export {
  routeTree, allNodes, matchRoutes, possibleRoutes, matcherOn, matchersOn, inhibitedBy, periodHolds, intervalActive, routeSendsAt, routePath,
  type RouteNode, type AlertLabelKnowledge, type Landing, type Tri,
} from './routing.ts';
