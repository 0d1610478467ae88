/**
 * `obs routes`: where each alert of the project lands in the Alertmanager route tree, read from the
 * rules' labels and the labels their expressions keep (the same analysis the routing checks use).
 */
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import { routePath } from '../alertmanager/index.ts';
import { runChecks } from '../lint/engine.ts';
import { resolveTarget } from '../promql/index.ts';
import { build } from './build.ts';
import { lintOptions } from '../config/lint-options.ts';
import { loadRegistries } from '../collect/registries.ts';
import { discoverModules } from '../collect/discover.ts';

export interface AlertRoute {
  readonly alert: string;
  readonly site?: SourceLocation;
  /** Each route it may land on: the receiver, the route's path, and whether only some of its series land there. */
  readonly landings: readonly { readonly receiver: string; readonly route: string; readonly certain: boolean }[];
}

export type RoutesResult =
  | { readonly ok: true; readonly routes: readonly AlertRoute[]; readonly defaultReceiver: string }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly reason: string };

export async function alertRoutes(root: string): Promise<RoutesResult> {
  const result = await build({ root, dryRun: true, emit: false });
  if (!result.ok)
    return { ok: false, diagnostics: result.diagnostics, reason: 'the definitions have errors; fix them first' };
  if (!result.project.alertmanager)
    return {
      ok: false,
      diagnostics: [],
      reason: `the project has no Alertmanager configuration (export alertmanagerConfig({...}) from a module in ${result.config.paths.alertmanager}/)`,
    };
  const registries = await loadRegistries(root, discoverModules(root, [result.config.paths.registry]), {
    timeoutMs: result.config.load.timeoutMs,
  });
  const routes: AlertRoute[] = [];
  let defaultReceiver = '';
  // The routing checks' view of the project, read through a check that only collects it.
  runChecks(
    result.project,
    [
      {
        meta: {
          id: 'alertmanager/routes',
          description: 'collects where alerts land',
          severity: 'info',
          docs: '',
          messages: {},
          scope: 'project',
        },
        run(ctx) {
          const v = ctx.alertmanager;
          if (!v) return;
          defaultReceiver = v.tree.receiver;
          for (const { alert, landings } of v.alerts) {
            routes.push({
              alert: alert.rule.name,
              ...(alert.site ? { site: alert.site } : {}),
              landings: landings.map((l) => ({
                receiver: l.node.receiver,
                route: routePath(l.node),
                certain: l.certain,
              })),
            });
          }
        },
      },
    ],
    lintOptions(
      result.config,
      resolveTarget(result.config.prometheus.version, result.config.prometheus.features),
      registries.registries,
    ),
  );
  return { ok: true, routes, defaultReceiver };
}
