// Regenerates docs/checks/README.md, the index of the check pages, from the checks' metadata
// (test/lint/docs.test.ts fails when it is stale). The pages docs/checks/<category>/<name>.md are
// written by hand; test/docs/check-examples.test.ts runs their examples.
import { writeFileSync } from 'node:fs';
import { CHECKS } from '../dsl/lint/checks/index.ts';
import { checksIndexMarkdown } from '../dsl/lint/docs.ts';

writeFileSync(new URL('../docs/checks/README.md', import.meta.url), checksIndexMarkdown(CHECKS));
console.log(`docs/checks/README.md: ${CHECKS.length} checks`);
