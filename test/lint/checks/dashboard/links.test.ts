import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/links.ts';
import { dashboard, link, runbookLink, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/links', () => {
  it('accepts URLs, links to dashboards of the project, and links by uid', () => {
    const other = dashboard({ title: 'other' });
    expectValid(check, [other, dashboard({
      title: 'd', links: [runbookLink('https://runbooks.example.com/x'), link({ title: 'o', to: other }), link({ title: 'ext', to: { uid: 'not-ours' } })],
      panels: [timeseries({ title: 'p', queries: ['up'], links: [link({ title: 'o', to: other })] })],
    })]);
  });
  it('rejects a link to a dashboard that no module exports', () => {
    const stray = dashboard({ title: 'stray' });
    expectInvalid(check, [dashboard({ title: 'd', links: [link({ title: 's', to: stray })] })], [
      { messageId: 'noDashboard', message: 'link "s" of dashboard "d" points to dashboard "stray", which no module exports', line: 16, column: 59, text: 'link' },
    ]);
  });
  it('rejects links with neither or both of url and to, and empty urls', () => {
    const other = dashboard({ title: 'other' });
    expectInvalid(check, [other, dashboard({
      title: 'd', links: [link({ title: 'none' }), link({ title: 'both', url: 'https://x', to: other })],
      panels: [timeseries({ title: 'p', queries: ['up'], links: [link({ title: 'empty', url: ' ' })] })],
    })], [
      { messageId: 'urlOrTo', message: 'link "none" of dashboard "d" needs exactly one', line: 23, column: 27, text: 'link' },
      { messageId: 'urlOrTo', message: 'link "both" of dashboard "d" needs exactly one', line: 23, column: 52, text: 'link' },
      { messageId: 'emptyUrl', message: 'link "empty" of panel "p" has an empty url', line: 24, column: 66, text: 'link' },
    ]);
  });
});
