import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { VendorGroups } from './VendorGroups';

describe('VendorGroups', () => {
  it('heads a group of vendors of unknown purpose as needing review, other groups by their category', () => {
    const html = render(
      <VendorGroups
        groups={[
          { category: 'unknown', rows: [], rowTotal: 0, violations: 0 },
          { category: 'analytics', rows: [], rowTotal: 0, violations: 0 },
        ]}
      />,
    );
    expect(html).toContain('<span class="cat">unknown: needs review</span>');
    expect(html).toContain('<span class="cat">analytics</span>');
  });
});
