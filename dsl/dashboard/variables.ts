/** Dashboard variables: `$name` in queries, titles and links. */
import { stamp } from './stamp.ts';
import type {
  ConstantVariable,
  ConstantVariableSpec,
  CustomVariable,
  CustomVariableSpec,
  DatasourceVariable,
  DatasourceVariableSpec,
  Expression,
  IntervalVariable,
  IntervalVariableSpec,
  LabelValues,
  QueryVariable,
  QueryVariableSpec,
  TextboxVariable,
  TextboxVariableSpec,
  Variable,
} from './types.ts';

function variable<T extends Variable['type'], S extends object>(type: T, spec: S) {
  return Object.freeze({ ...stamp('variable', spec), type });
}

/** Pick a data source of one plugin type; queries of that type use it (`${name}`) automatically. */
export function datasourceVariable(
  spec: Omit<DatasourceVariableSpec, 'name'> & { readonly name?: string },
): DatasourceVariable {
  return variable('datasource', { ...spec, name: spec.name ?? 'datasource' });
}

/** Values from a data source query, usually `labelValues(...)`. */
export function queryVariable(spec: QueryVariableSpec): QueryVariable {
  return variable('query', spec);
}

/** `label_values(selector, label)`; the selector is checked as PromQL (with variables substituted). */
export function labelValues(label: string, selector?: Expression): LabelValues {
  return stamp('label-values', selector === undefined ? { label } : { label, selector });
}

/** A fixed list of values. */
export function customVariable(spec: CustomVariableSpec): CustomVariable {
  return variable('custom', spec);
}

/** A list of durations (`$interval` in ranges and steps), optionally with `auto`. */
export function intervalVariable(spec: IntervalVariableSpec): IntervalVariable {
  return variable('interval', spec);
}

/** A hidden value shared by queries. */
export function constantVariable(spec: ConstantVariableSpec): ConstantVariable {
  return variable('constant', spec);
}

/** A free text input. */
export function textboxVariable(spec: TextboxVariableSpec): TextboxVariable {
  return variable('textbox', spec);
}

export function isVariable(v: unknown): v is Variable {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'variable';
}

/** Whether the variable can hold several values at once (then `=` matchers on it are wrong). */
export function isMultiValue(v: Variable): boolean {
  return (
    (v.type === 'query' || v.type === 'custom' || v.type === 'datasource') &&
    (v.multi === true || v.includeAll === true)
  );
}
