// The per-key series redis_exporter (oliver006/redis_exporter) writes only when it runs with
// `--check-keys` / `--check-single-keys` / `--count-keys`, so the generated redis-exporter.ts (an
// exporter started without those flags) does not have them. Written by hand from the exporter's
// metric descriptions (exporter/exporter.go) and exporter/keys.go.
//
// How the Synchron hub's redis_exporter is meant to run, for the key patterns of the monitoring README:
//   --check-keys='*:hub:metrics:last-seen,*:hub:context'   per-key size, and the value of float strings
//   --count-keys='*:onlychannel:token'                     only how many tokens are cached
// The token pattern must stay out of --check-keys: for a non-numeric string the exporter exports the
// value itself as the `val` label of redis_key_value_as_string, i.e. the credential.
// A --check-keys pattern is expanded with SCAN, so a key that does not exist has no series (not a 0);
// a --count-keys pattern always has its series, 0 when nothing matches.
import { gauge, registry } from '../dsl/index.ts';

export const redisExporterKeys = registry({
  name: 'redis-exporter-keys',
  scrapeInterval: '15s',
  jobs: ['synchron-hub-redis'],
  // The series we read, not all the exporter writes: a near miss of one may be a real metric.
  complete: false,
  metrics: {
    redis_key_size: gauge({ help: 'The length or size of "key"', labels: ['db', 'key'] }),
    // Only for string keys whose value parses as a float (e.g. the last-seen unix timestamps).
    redis_key_value: gauge({ help: 'The value of "key"', labels: ['db', 'key'] }),
    redis_key_value_as_string: gauge({ help: 'The value of "key" as a string', labels: ['db', 'key', 'val'] }),
    redis_keys_count: gauge({ help: 'Count of keys', labels: ['db', 'key'] }),
  },
});
