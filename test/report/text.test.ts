import { describe, expect, it } from 'vitest';
import { formatText } from '../../dsl/report/text.ts';
import { LINT_FORMATTERS } from '../../dsl/report/index.ts';
import { sampleReport } from './sample.ts';

describe('text reporter', () => {
  it('prints location, severity, check id, message, the source line with carets under the span, the hint, and a count', () => {
    expect(formatText(sampleReport())).toBe(`rules/api.yml:4:9  error  rules/durations
  for of alert "ApiErrors" is not a valid duration: "5mins"
        - alert: ApiErrors
          ^
  hint: write durations like '30s', '5m'

rules/api.yml:7:15  error  promql/syntax
  unknown function with name "bogus" (in alert "ApiErrors")
              > bogus(0.05)
                ^^^^^

dir with space/ü.yml:2:5  warning  rules/duplicate-group
  group "a,b: 100%" is also defined in\r
  other.yml

(project)  info  collect/module-error
  no location

obs lint: 4 problems (2 errors, 1 warning, 1 info); 2 files checked for Prometheus 2.42; 2 at or above error
`);
  });

  it('says so when there is nothing', () => {
    expect(formatText(sampleReport([]))).toBe('obs lint: no problems; 2 files checked for Prometheus 2.42\n');
  });

  it('is one of the formatters in the registry, with json, github and sarif', () => {
    expect(Object.keys(LINT_FORMATTERS)).toEqual(['text', 'json', 'github', 'sarif']);
  });
});
