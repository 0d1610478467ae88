export { parseExposition, ExpositionError } from './exposition.ts';
export {
  importFromApi,
  fetchApiSnapshot,
  scrapeIntervalFromConfig,
  type ApiSnapshot,
  type MetadataEntry,
} from './prometheus-api.ts';
export { writeRegistryModule, constantName, type WriteOptions } from './write.ts';
export { mergeImports, emptyImport, type ImportedMetric, type ImportedMetrics } from './model.ts';
export { importRegistry, type ImportOptions, type ImportResult } from './run.ts';
