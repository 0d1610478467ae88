import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../dsl/config/load.ts';

describe('policy.alertNamePattern is read as RE2, the syntax Prometheus uses', () => {
  it('accepts RE2 syntax JavaScript lacks', () => {
    expect(() => resolveConfig('/p', { policy: { alertNamePattern: '^[[:upper:]](?i:[a-z0-9])+$' } }, 'obs.config.ts')).not.toThrow();
  });

  it('refuses what RE2 refuses (lookahead, backreferences), naming the file and the construct', () => {
    expect(() => resolveConfig('/p', { policy: { alertNamePattern: '^(?=A)' } }, 'obs.config.ts'))
      .toThrow('obs.config.ts: policy.alertNamePattern is not a valid RE2 regular expression (the syntax Prometheus uses): error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
    expect(() => resolveConfig('/p', { policy: { alertNamePattern: '(a)\\1' } }, 'obs.config.ts')).toThrow('invalid escape sequence: `\\1`');
  });
});
