import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../dsl/report/github.ts';
import { sampleReport } from './sample.ts';

describe('github reporter (workflow annotation commands)', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('dir:a,b%\n')).toBe('dir%3Aa%2Cb%25%0A');
  });

  it('writes one command per problem with file, line, col, endColumn and title', () => {
    expect(formatGithub(sampleReport()).split('\n')).toEqual([
      "::error file=rules/api.yml,line=4,col=9,title=obs rules/durations::for of alert \"ApiErrors\" is not a valid duration: \"5mins\"%0Ahint: write durations like '30s', '5m'",
      '::error file=rules/api.yml,line=7,col=15,endColumn=19,title=obs promql/syntax::unknown function with name "bogus" (in alert "ApiErrors")',
      '::warning file=dir with space/ü.yml,line=2,col=5,title=obs rules/duplicate-group::group "a,b: 100%25" is also defined in%0D%0Aother.yml',
      '::notice title=obs collect/module-error::no location',
      '',
    ]);
  });

  it('prints nothing for a clean run', () => {
    expect(formatGithub(sampleReport([]))).toBe('');
  });
});
