import { describe, expect, it } from 'vitest';
import { cookie, vendor } from '../__fixtures__/vendors';
import { diffRecords, renderDiff } from './record-diff';

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
