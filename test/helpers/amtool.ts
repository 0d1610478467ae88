/**
 * The reference for routing: Alertmanager's own `amtool` (Debian: prometheus-alertmanager). Tests that
 * need it skip with a visible message when it is missing, unless OBS_REQUIRE_PROMTOOL=1 (CI).
 */
import { findTool, toolSkipReason, type PromtoolInfo } from './promtool.ts';

let cached: PromtoolInfo | null | undefined;

export function findAmtool(): PromtoolInfo | null {
  if (cached === undefined) cached = findTool([process.env.OBS_AMTOOL, 'amtool', '/usr/bin/amtool']);
  return cached;
}

export function amtoolSkipReason(): string | undefined {
  return toolSkipReason(findAmtool() !== null, 'amtool not found (apt-get install -y prometheus-alertmanager); skipping tests that compare with the real Alertmanager tools');
}
