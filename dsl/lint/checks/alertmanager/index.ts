/** The checks of the Alertmanager configuration against itself and against the project's alerts. */
import type { Check } from '../../check.ts';
import config from './config.ts';
import labels from './labels.ts';
import secrets from './secrets.ts';
import unmatchedRoute from './unmatched-route.ts';
import unroutedAlert from './unrouted-alert.ts';
import version from './version.ts';

export const ALERTMANAGER_CHECKS: readonly Check[] = [config, version, secrets, unroutedAlert, unmatchedRoute, labels];
