import { companyFactViews, factViews, type FactView } from '@/lib/report/facts';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { SafeLink } from './SafeLink';

type AnyFact = Omit<FactView, 'key'> & { key: string };

/** The marker after a value: derived (rule), unverified, a party's claim, or a checked source with its quote. */
function Marker({ f, refNo }: { f: AnyFact; refNo: number }) {
  if (f.status === 'derived' || f.status === 'unverified' || f.status === 'claim') {
    const word = f.status === 'claim' ? 'claim' : f.status;
    return (
      <>
        <abbr
          class={`derived fact-${word}`}
          title={f.explanation}
          tabIndex={0}
          aria-label={`${word}. ${f.explanation}`}
        >
          {word}
        </abbr>
        <span class="prov">{f.provenance}</span>
      </>
    );
  }
  return (
    <>
      <sup class="src-ref" title={f.provenance}>
        [{refNo}]
      </sup>
      {f.evidence && (
        <blockquote class="evidence small" cite={f.evidence.url}>
          “{f.evidence.quote}” — checked {f.evidence.checked}
        </blockquote>
      )}
    </>
  );
}

/**
 * The vendor's company facts and GDPR facts. A checked value carries a numbered reference to the page it was
 * checked on and the supporting sentence; derived, unverified and claimed values carry a visible, focusable marker
 * whose tooltip says why, plus the provenance in words.
 */
export function FactList({ vendor }: { vendor: VendorRecord }) {
  const facts: AnyFact[] = [...companyFactViews(vendor), ...factViews(vendor)];
  const sources: string[] = [];
  const referenced = facts.filter((f) => f.status === 'checked' || f.status === 'stated');
  for (const f of referenced) if (!sources.includes(f.provenance)) sources.push(f.provenance);
  const urls = new Map(referenced.map((f) => [f.provenance, f.sourceUrl]));
  return (
    <>
      <dl class="facts">
        {facts.map((f) => (
          <div key={f.key} class="fact" data-fact={f.key} data-status={f.status}>
            <dt>{f.label}</dt>
            <dd>
              {f.link ? <SafeLink href={f.link} /> : f.text}
              <Marker f={f} refNo={sources.indexOf(f.provenance) + 1} />
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
