import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { CUSTOMER_IO, T0, bundle, entry } from '@/lib/report/__fixtures__/visit';
import { cls } from '@/lib/report/__fixtures__/export';
import { visitSummary } from '@/lib/report/summary';
import { ReportView } from './ReportView';

// Customer.io and 70 other advertisers before any choice (more rows than the popup's cut keeps), 120 unknowns.
const whole = bundle([
  entry({ host: 'track.customer.io', classification: cls('customer-io', 'marketing'), at: T0 + 1 }),
  ...Array.from({ length: 70 }, (_, i) =>
    entry({ host: `ads${i}.example`, classification: cls(`ads-${i}`, 'advertising'), at: T0 + 2 + i }),
  ),
  ...Array.from({ length: 120 }, (_, i) => entry({ host: `h${i}.unknown.example`, at: T0 + 100 + i })),
]);

describe('ReportView while a large visit is read', () => {
  const { findings: _f, ...head } = whole.derived;
  const reading = { derived: { ...head, findings: [] } };

  it("shows the background's vendor rows and unknowns, and says the rest comes once everything is read", () => {
    const preview = visitSummary(whole.derived, [CUSTOMER_IO]);
    const html = render(
      <ReportView
        bundle={reading}
        vendors={[]}
        preview={preview}
        loading="Reading the evidence: page 1 of 3…"
      />,
    );
    expect(html).toContain('data-vendor="customer-io"');
    expect(html).toContain('<span class="cat">advertising</span><span class="muted small">70 vendors');
    expect(html).toContain('10 more in this group: shown once the whole evidence is read.');
    // The unknowns: the count of all of them, the first of them listed.
    expect(html).toContain('Unknown hosts and cookies <span class="muted small">120</span>');
    expect(html).toContain('h0.unknown.example');
    expect(html).not.toContain('open the full report');
    expect(html).toContain('Reading the evidence: page 1 of 3…');
    // The event timeline and exports wait for the whole evidence.
    expect(html).not.toContain('id="timeline"');
    expect(html).not.toContain('Export');
  });

  it('shows the verdict alone when no summary came with the first page', () => {
    const html = render(
      <ReportView bundle={reading} vendors={[]} loading="Reading the evidence: page 1 of 3…" />,
    );
    expect(html).not.toContain('id="vendors"');
    expect(html).toContain('Reading the evidence: page 1 of 3…');
  });
});
