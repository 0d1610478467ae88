/**
 * The SARIF output checked against SARIF 2.1.0 without the network: the required properties, the
 * enums and value ranges, and the property names the schema allows (its objects are closed:
 * `additionalProperties: false`) of every object we write.
 */
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../dsl/report/sarif.ts';
import { DIAGNOSTICS, sampleReport } from './sample.ts';

type Obj = Record<string, unknown>;

/** Property names each SARIF 2.1.0 object type allows (from the schema's definitions). */
const ALLOWED: Record<string, readonly string[]> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  reportingDescriptor: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
};
const LEVELS = ['none', 'note', 'warning', 'error'];

function validate(log: unknown): string[] {
  const errors: string[] = [];
  const obj = (v: unknown, type: string, path: string, required: readonly string[] = []): Obj => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push(`${path}: ${type} must be an object`);
      return {};
    }
    const o = v as Obj;
    for (const k of Object.keys(o)) if (!ALLOWED[type]?.includes(k)) errors.push(`${path}: ${type} does not allow property ${k}`);
    for (const k of required) if (o[k] === undefined) errors.push(`${path}: ${type} requires ${k}`);
    return o;
  };
  const mms = (v: unknown, path: string): void => {
    const o = obj(v, 'multiformatMessageString', path, ['text']);
    if (typeof o.text !== 'string') errors.push(`${path}.text must be a string`);
  };
  const int = (v: unknown, min: number, path: string): void => {
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < min)) errors.push(`${path} must be an integer >= ${min}`);
  };
  const root = obj(log, 'sarifLog', '$', ['version', 'runs']);
  if (root.version !== '2.1.0') errors.push('$.version must be "2.1.0"');
  if (!Array.isArray(root.runs)) return [...errors, '$.runs must be an array'];
  root.runs.forEach((r, ri) => {
    const run = obj(r, 'run', `runs[${ri}]`, ['tool']);
    if (run.columnKind !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind as string)) errors.push('columnKind');
    for (const [k, v] of Object.entries((run.originalUriBaseIds ?? {}) as Obj)) obj(v, 'artifactLocation', `originalUriBaseIds.${k}`);
    const tool = obj(run.tool, 'tool', 'tool', ['driver']);
    const driver = obj(tool.driver, 'toolComponent', 'driver', ['name']);
    const rules = (driver.rules ?? []) as unknown[];
    const ids = new Set<string>();
    rules.forEach((x, i) => {
      const rule = obj(x, 'reportingDescriptor', `rules[${i}]`, ['id']);
      if (ids.has(rule.id as string)) errors.push(`rules[${i}]: duplicate id ${String(rule.id)}`);
      ids.add(rule.id as string);
      for (const k of ['shortDescription', 'fullDescription', 'help']) if (rule[k] !== undefined) mms(rule[k], `rules[${i}].${k}`);
      if (rule.defaultConfiguration !== undefined) {
        const c = obj(rule.defaultConfiguration, 'reportingConfiguration', `rules[${i}].defaultConfiguration`);
        if (!LEVELS.includes(c.level as string)) errors.push(`rules[${i}].defaultConfiguration.level`);
      }
    });
    ((run.results ?? []) as unknown[]).forEach((x, i) => {
      const p = `results[${i}]`;
      const res = obj(x, 'result', p, ['message']);
      const msg = obj(res.message, 'message', `${p}.message`);
      if (typeof msg.text !== 'string' && typeof msg.id !== 'string') errors.push(`${p}.message needs text or id`);
      if (res.level !== undefined && !LEVELS.includes(res.level as string)) errors.push(`${p}.level`);
      int(res.ruleIndex, -1, `${p}.ruleIndex`);
      if (typeof res.ruleIndex === 'number' && (rules[res.ruleIndex] as Obj | undefined)?.id !== res.ruleId) errors.push(`${p}.ruleIndex does not point at ${String(res.ruleId)}`);
      ((res.locations ?? []) as unknown[]).forEach((l, li) => {
        const loc = obj(l, 'location', `${p}.locations[${li}]`);
        const phys = obj(loc.physicalLocation, 'physicalLocation', `${p}.physicalLocation`);
        if (phys.artifactLocation === undefined && phys.address === undefined) errors.push(`${p}: physicalLocation needs artifactLocation or address`);
        const art = obj(phys.artifactLocation, 'artifactLocation', `${p}.artifactLocation`);
        if (typeof art.uri !== 'string') errors.push(`${p}.artifactLocation.uri must be a string`);
        else if (/[\s]/.test(art.uri)) errors.push(`${p}.artifactLocation.uri must be a URI reference, got ${art.uri}`);
        if (art.uriBaseId !== undefined && !Object.hasOwn((run.originalUriBaseIds ?? {}) as Obj, art.uriBaseId as string)) errors.push(`${p}: unknown uriBaseId`);
        const reg = obj(phys.region, 'region', `${p}.region`);
        int(reg.startLine, 1, `${p}.region.startLine`);
        int(reg.startColumn, 1, `${p}.region.startColumn`);
        int(reg.endLine, 1, `${p}.region.endLine`);
        int(reg.endColumn, 1, `${p}.region.endColumn`);
        if (typeof reg.endLine === 'number' && reg.endLine < (reg.startLine as number)) errors.push(`${p}: endLine before startLine`);
      });
    });
  });
  return errors;
}

describe('sarif reporter', () => {
  const log = JSON.parse(formatSarif(sampleReport())) as Obj;

  it('is valid SARIF 2.1.0', () => {
    expect(validate(log)).toEqual([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('the validator catches what the schema forbids', () => {
    const bad = JSON.parse(JSON.stringify(log)) as { runs: { results: Obj[]; tool: { driver: Obj } }[] };
    const run = bad.runs[0] as (typeof bad.runs)[0];
    (run.results[0] as Obj).extra = 1;
    (run.results[1] as Obj).message = {};
    (run.results[0] as Obj).ruleIndex = 1;
    delete run.tool.driver.name;
    expect(validate(bad)).toEqual([
      'driver: toolComponent requires name',
      'results[0]: result does not allow property extra',
      'results[0].ruleIndex does not point at collect/module-error',
      'results[1].message needs text or id',
    ]);
  });

  it('lists every check as a rule, plus ids reported without a catalogue entry', () => {
    const run = (log.runs as Obj[])[0] as { tool: { driver: { rules: Obj[] } }; results: Obj[] };
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('promql/syntax');
    expect(ids).toContain('collect/module-error');
    const syntax = run.tool.driver.rules.find((r) => r.id === 'promql/syntax') as Obj;
    expect(syntax.defaultConfiguration).toEqual({ level: 'error' });
    expect((syntax.shortDescription as Obj).text).toBe('Every expression must parse and type-check for the target Prometheus version');
  });

  it('sorts results by location and maps severities and spans', () => {
    const run = (log.runs as Obj[])[0] as { results: Obj[] };
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['collect/module-error', 'note'],
      ['rules/duplicate-group', 'warning'],
      ['rules/durations', 'error'],
      ['promql/syntax', 'error'],
    ]);
    expect(run.results[0]?.locations).toBeUndefined();
    expect(run.results[3]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'rules/api.yml', uriBaseId: 'SRCROOT' }, region: { startLine: 7, startColumn: 15, endLine: 7, endColumn: 20 } } }]);
    expect((run.results[1]?.locations as Obj[])[0]).toMatchObject({ physicalLocation: { artifactLocation: { uri: 'dir%20with%20space/%C3%BC.yml' } } });
    expect(DIAGNOSTICS).toHaveLength(run.results.length);
  });
});
