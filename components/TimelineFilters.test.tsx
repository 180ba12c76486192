import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { EMPTY_FILTER } from '@/lib/report/timeline';
import { TimelineFilters } from './TimelineFilters';

describe('TimelineFilters', () => {
  it('names every phase in words, as the badges do', () => {
    const html = render(<TimelineFilters filter={EMPTY_FILTER} vendors={[]} onChange={() => {}} />);
    for (const label of ['before consent', 'after reject', 'after an unclear choice', 'after accept'])
      expect(html).toContain(`/>${label}</label>`);
    expect(html).not.toContain('unknown-choice</label>');
  });
});
