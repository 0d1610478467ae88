// Regenerates docs/checks.md from the checks' metadata (test/lint/docs.test.ts fails when it is stale).
import { writeFileSync } from 'node:fs';
import { CHECKS } from '../dsl/lint/checks/index.ts';
import { checksMarkdown } from '../dsl/lint/docs.ts';

writeFileSync(new URL('../docs/checks.md', import.meta.url), checksMarkdown(CHECKS));
console.log(`docs/checks.md: ${CHECKS.length} checks`);
