import { defineCheck } from '../../check.ts';
import { emittedTexts } from '../../emitted-texts.ts';

/** A UTF-16 surrogate without its other half: no UTF-8 encoding exists for it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export default defineCheck({
  meta: {
    id: 'output/unencodable-text',
    description: 'Text written to out/ must be valid Unicode (no lone UTF-16 surrogates)',
    severity: 'error',
    docs: `Rule files and dashboards are UTF-8. A JavaScript string can hold half of a surrogate pair (\`'\\ud800'\`,
or an emoji cut in two by \`slice\`), which has no UTF-8 form: written out, it silently became U+FFFD,
or an escape that Prometheus's YAML reader refuses ("invalid Unicode character escape code").
Every other character reaches Prometheus exactly (see docs/yaml-values.md). Fix the string: cut
text with \`Array.from(s).slice(...)\` (code points), not \`s.slice(...)\` (UTF-16 units).`,
    messages: {
      loneSurrogate: '{{what}} holds a lone surrogate U+{{code}} at offset {{offset}}, which no UTF-8 file can carry',
    },
  },
  run(ctx) {
    for (const t of emittedTexts(ctx.project)) {
      const m = LONE_SURROGATE.exec(t.text);
      if (!m) continue;
      const code = m[0].charCodeAt(0).toString(16).padStart(4, '0');
      ctx.report({
        messageId: 'loneSurrogate',
        data: { what: t.what, code: code.toUpperCase(), offset: m.index },
        hint: 'remove it or complete the pair; cut strings by code points (Array.from(text)), not UTF-16 units',
        location: t.site,
        subject: t.subject,
        on: t.on,
      });
    }
  },
});
