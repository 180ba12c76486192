import { factViews } from '@/lib/report/facts';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { SafeLink } from './SafeLink';

/**
 * The vendor's GDPR facts. A sourced value carries a numbered reference to the source list below it; a derived
 * value carries a visible, focusable "derived" marker whose tooltip names the rule, plus the rule in words.
 */
export function FactList({ vendor }: { vendor: VendorRecord }) {
  const facts = factViews(vendor);
  const sources: string[] = [];
  for (const f of facts) if (!f.derived && !sources.includes(f.provenance)) sources.push(f.provenance);
  const urls = new Map(facts.map((f) => [f.provenance, f.sourceUrl]));
  return (
    <>
      <dl class="facts">
        {facts.map((f) => (
          <div key={f.key} class="fact" data-fact={f.key}>
            <dt>{f.label}</dt>
            <dd>
              {f.link ? <SafeLink href={f.link} /> : f.text}
              {f.derived ? (
                <>
                  <abbr
                    class="derived"
                    title={f.explanation}
                    tabIndex={0}
                    aria-label={`derived. ${f.explanation}`}
                  >
                    derived
                  </abbr>
                  <span class="prov">{f.provenance}</span>
                </>
              ) : (
                <sup class="src-ref" title={f.provenance}>
                  [{sources.indexOf(f.provenance) + 1}]
                </sup>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {sources.length > 0 && (
        <ol class="sources small">
          {sources.map((s) => (
            <li key={s}>
              <SafeLink href={urls.get(s)}>{s}</SafeLink>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
