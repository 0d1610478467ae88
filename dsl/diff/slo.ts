/**
 * SLO changes at the level a reviewer thinks in. The rule groups an slo(...) generates (SLI
 * recordings, burn-rate alerts, budget recordings) are recognised in the artefacts by their
 * `slo:info` recording (labels `service`, `slo`, `objective`, `period`) and by the `service`/`slo`
 * labels or selectors their rules carry; their changes are put under one `slo` change that says what
 * happened: `objective 99.9 % → 99.95 %: burn-rate thresholds of 2 alerts tightened (14.4×: 0.0144 →
 * 0.0072, ...)`. Rule groups of no SLO stay as they are.
 */
import { sloDashboard } from '../slo/dashboard.ts';
import { matchEntities } from './match.ts';
import { entity, type EntityChange, type FieldChange } from './model.ts';
import type { GroupDoc, RuleDoc } from './rules.ts';

interface SloDoc {
  readonly service: string;
  readonly name: string;
  readonly info: Readonly<Record<string, string>>;
  /** The rule groups it generated, as `file\0name`. */
  readonly groups: ReadonlySet<string>;
}

const groupId = (file: string, name: string): string => `${file}\u0000${name}`;

function mentions(r: RuleDoc, service: string, slo: string): boolean {
  if (r.labels.service === service && r.labels.slo === slo) return true;
  return r.expr.includes(`service="${service}"`) && r.expr.includes(`slo="${slo}"`);
}

/** The SLOs of a set of rule groups: one per `slo:info` recording. */
export function slosOf(groups: readonly GroupDoc[]): SloDoc[] {
  const out: SloDoc[] = [];
  for (const g of groups) {
    for (const r of g.rules) {
      if (r.kind !== 'record' || r.name !== 'slo:info' || !r.labels.service || !r.labels.slo) continue;
      const { service, slo } = r.labels;
      // The groups of the same file whose rules are all about this SLO.
      const mine = groups.filter(
        (h) => h.file === g.file && h.rules.length > 0 && h.rules.every((x) => mentions(x, service, slo)),
      );
      out.push({ service, name: slo, info: r.labels, groups: new Set(mine.map((h) => groupId(h.file, h.name))) });
    }
  }
  return out;
}

/** `99.9` → `99.9 %`. */
const percent = (v: string | undefined): string | undefined => (v === undefined ? undefined : `${v} %`);
const factorText = (n: number): string => `${Number(n.toPrecision(4))}×`;

/** The burn-rate thresholds of the SLO's alerts that changed, by burn-rate factor of the old budget. */
function burnRateNote(alerts: readonly EntityChange[], objectiveBefore: string | undefined): string | undefined {
  const budget = objectiveBefore !== undefined ? 1 - Number(objectiveBefore) / 100 : NaN;
  if (!(budget > 0)) return undefined;
  const byFactor = new Map<string, string>();
  let tighter = 0;
  let looser = 0;
  let changed = 0;
  for (const a of alerts) {
    const cs = a.fields.find((f) => f.field === 'expr')?.constants?.filter((c) => c.kind === 'threshold');
    if (!cs?.length) continue;
    changed++;
    for (const c of cs) {
      const [x, y] = [Number(c.before), Number(c.after)];
      // An error ratio above the threshold fires (`>`): a lower threshold fires sooner.
      const sooner = c.op?.startsWith('>') !== (c.left === true) ? y < x : y > x;
      if (sooner) tighter++;
      else looser++;
      byFactor.set(factorText(x / budget), `${c.before} → ${c.after}`);
    }
  }
  if (!changed) return undefined;
  const how = looser === 0 ? 'tightened' : tighter === 0 ? 'loosened' : 'changed';
  const list = [...byFactor].map(([f, t]) => `${f}: ${t}`).join(', ');
  return `burn-rate thresholds of ${changed} ${changed === 1 ? 'alert' : 'alerts'} ${how} (${list})`;
}

function sloFields(a: SloDoc | undefined, b: SloDoc | undefined, alerts: readonly EntityChange[]): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(a?.info ?? {}), ...Object.keys(b?.info ?? {})])].filter(
    (k) => k !== 'service' && k !== 'slo',
  );
  for (const k of ['objective', 'period', ...keys.filter((k) => k !== 'objective' && k !== 'period').sort()]) {
    const [x, y] = [a?.info[k], b?.info[k]];
    if (x === y || !a || !b) continue;
    const note = k === 'objective' ? burnRateNote(alerts, x) : undefined;
    const [before, after] = k === 'objective' ? [percent(x), percent(y)] : [x, y];
    out.push({
      field: k,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(note ? { note } : {}),
      impact: 'behaviour',
    });
  }
  if (a && b && !out.some((f) => f.field === 'objective')) {
    const note = burnRateNote(alerts, a.info.objective);
    if (note) out.push({ field: 'alerts', note, impact: 'behaviour' });
  }
  return out;
}

/** Puts the rule-group changes of each SLO under one `slo` change; the others are returned as they were. */
export function groupBySlo(
  before: readonly GroupDoc[],
  after: readonly GroupDoc[],
  changes: readonly EntityChange[],
): EntityChange[] {
  const key = (s: SloDoc): string => `${s.service}\u0000${s.name}`;
  const m = matchEntities(slosOf(before), slosOf(after), { stages: [{ name: 'same', key }] });
  const taken = new Set<EntityChange>();
  const out: EntityChange[] = [];
  const sides: [SloDoc | undefined, SloDoc | undefined][] = [
    ...m.pairs.map((p): [SloDoc, SloDoc] => [p.before, p.after]),
    ...m.removed.map((s): [SloDoc, undefined] => [s, undefined]),
    ...m.added.map((s): [undefined, SloDoc] => [undefined, s]),
  ];
  for (const [a, b] of sides) {
    const groups = new Set([...(a?.groups ?? []), ...(b?.groups ?? [])]);
    const mine = changes.filter(
      (c) =>
        c.entity === 'rule-group' &&
        !taken.has(c) &&
        (groups.has(groupId(c.file ?? '', c.name)) || (c.from !== undefined && groups.has(groupId(c.from, c.name)))),
    );
    if (!mine.length) continue;
    mine.forEach((c) => taken.add(c));
    const s = (b ?? a) as SloDoc;
    const alerts = mine.flatMap((g) => g.children).filter((c) => c.entity === 'alert' && c.change === 'changed');
    const change = !a ? 'added' : !b ? 'removed' : 'changed';
    out.push(
      entity({
        entity: 'slo',
        change,
        name: `${s.service} ${s.name}`,
        key: `${s.service}/${s.name}`,
        file: mine[0]?.file ?? '',
        fields: sloFields(a, b, alerts),
        children: mine,
        ...(change === 'added'
          ? { impact: 'behaviour' as const }
          : change === 'removed'
            ? { impact: 'identity' as const }
            : {}),
      }),
    );
  }
  return [...out, ...changes.filter((c) => !taken.has(c))];
}

/** The same change with other children: the impact of a change is recomputed, an addition's or removal's kept. */
function withChildren(c: EntityChange, children: readonly EntityChange[]): EntityChange {
  const { impact, ...rest } = c;
  return entity({ ...rest, children, ...(c.change === 'added' || c.change === 'removed' ? { impact } : {}) });
}

/**
 * The SLO's row of its service's generated SLO dashboard (`slo-<service>`, a row titled
 * `<slo>: <objective>% over <period>`) is an artefact of the SLO too: its row and panel changes move
 * under the SLO change, as a dashboard change of their own. What else changed on that dashboard stays.
 */
export function attachSloDashboards(changes: readonly EntityChange[]): EntityChange[] {
  let rest = [...changes];
  const slos = rest.filter((c) => c.entity === 'slo' && c.key);
  const serviceOf = (s: EntityChange): string => s.key?.slice(0, s.key.lastIndexOf('/')) ?? '';
  for (let s of slos) {
    const [service, name] = [serviceOf(s), s.key?.slice(s.key.lastIndexOf('/') + 1) ?? ''];
    // The promtool tests of a service's SLOs (`tests/slos/<service>.*`) belong to its one changed SLO.
    if (slos.filter((x) => serviceOf(x) === service).length === 1) {
      const tests = rest.filter((c) => c.entity === 'file' && c.name.startsWith(`tests/slos/${service}.`));
      if (tests.length) {
        const withTests = withChildren(s, [...s.children, ...tests]);
        rest = rest.flatMap((c) => (c === s ? [withTests] : tests.includes(c) ? [] : [c]));
        s = withTests;
      }
    }
    const uid = sloDashboard(service).uid;
    const d = rest.find((c) => c.entity === 'dashboard' && c.change === 'changed' && c.key === uid);
    if (!d) continue;
    const ofSlo = (t: string | undefined): boolean => t !== undefined && t.startsWith(`${name}: `);
    const mine = d.children.filter((c) => ofSlo(c.within) || (ofSlo(c.from) && c.entity === 'row'));
    if (!mine.length) continue;
    const left = d.children.filter((c) => !mine.includes(c));
    const part = entity({
      entity: 'dashboard',
      change: 'changed',
      name: d.name,
      key: d.key ?? uid,
      ...(d.file ? { file: d.file } : {}),
      children: mine,
    });
    const slo = withChildren(s, [...s.children, part]);
    const kept = left.length || d.fields.length ? [withChildren(d, left)] : [];
    rest = rest.flatMap((c) => (c === s ? [slo] : c === d ? kept : [c]));
  }
  return rest;
}
