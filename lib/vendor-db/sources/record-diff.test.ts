import { describe, expect, it } from 'vitest';
import { cookie, vendor } from '../__fixtures__/vendors';
import { diffRecords, diffRegressionRuns, renderDiff } from './record-diff';

describe('diffRecords', () => {
  it('lists added, removed and changed vendors with their field, domain and cookie changes', () => {
    const before = [
      vendor('a-ads', 'advertising', ['a.example'], [cookie('a_id')]),
      vendor('b-stats', 'analytics', ['b.example']),
      vendor('gone', 'functional', ['gone.example']),
    ];
    const after = [
      vendor('a-ads', 'advertising', ['a.example', 'a-cdn.example'], []),
      {
        ...vendor('b-stats', 'analytics', ['b.example']),
        company: 'B Holdings',
        category: 'advertising' as const,
      },
      vendor('new-one', 'analytics', ['new.example']),
    ];
    const d = diffRecords(before, after);
    expect(d.added).toEqual(['new-one']);
    expect(d.removed).toEqual(['gone']);
    expect(d.changed).toEqual([
      {
        id: 'a-ads',
        fields: [],
        domainsAdded: ['a-cdn.example'],
        domainsRemoved: [],
        cookiesAdded: [],
        cookiesRemoved: ['a_id'],
      },
      {
        id: 'b-stats',
        fields: [
          { field: 'company', before: 'B Stats Inc.', after: 'B Holdings' },
          { field: 'category', before: 'analytics', after: 'advertising' },
        ],
        domainsAdded: [],
        domainsRemoved: [],
        cookiesAdded: [],
        cookiesRemoved: [],
      },
    ]);
    const md = renderDiff('third-party-web', d);
    expect(md).toContain('1 vendor(s) added, 1 removed, 2 changed.');
    expect(md).toContain('- category: analytics → advertising');
    expect(diffRecords(before, before)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('diffRegressionRuns', () => {
  it('runs the regression set on both builds and renders what newly fails and newly passes', () => {
    const entry = (v: string, requests: string[]) => ({
      vendor: v,
      docs: 'https://d.example/',
      checked: false,
      requests,
      cookies: [],
    });
    const entries = [
      entry('a-ads', ['https://a-cdn.example/t.js']),
      entry('b-stats', ['https://b.example/c']),
    ];
    const before = [vendor('b-stats', 'analytics', ['b.example'])];
    const after = [vendor('a-ads', 'advertising', ['a-cdn.example'])];
    const r = diffRegressionRuns(before, after, entries);
    expect(r.newlyFailing.map((f) => [f.vendor, f.subject, f.got])).toEqual([
      ['b-stats', 'https://b.example/c', 'null'],
    ]);
    expect(r.newlyPassing.map((f) => [f.vendor, f.subject, f.got])).toEqual([
      ['a-ads', 'https://a-cdn.example/t.js', 'null'],
    ]);
    const md = renderDiff('third-party-web', diffRecords(before, after), r);
    expect(md).toContain('1 expectation(s) newly fail, 1 newly pass, 0 fail before and after.');
    expect(md).toContain(
      '### Newly failing\n\n- b-stats: request `https://b.example/c`: vendor null, expected b-stats',
    );
    expect(md).toContain(
      '### Newly passing\n\n- a-ads: request `https://a-cdn.example/t.js`: vendor was null, now as expected',
    );
    // Without a regression run the report has no regression section.
    expect(renderDiff('third-party-web', diffRecords(before, after))).not.toContain('Regression set');
  });
});
