import type { Verdict as VerdictModel } from '@/lib/report/verdict';

/** The first thing on screen: what went wrong, then the consent tool and its state. */
export function Verdict({
  verdict,
  consentState,
  signals = [],
}: {
  verdict: VerdictModel;
  consentState: string;
  /** Google Consent Mode / GPC lines: evidence, never the visitor's choice. */
  signals?: string[];
}) {
  return (
    <section aria-label="Verdict">
      <p class={`verdict ${verdict.severity}`} id="verdict" role="status">
        {verdict.text}
      </p>
      <p class="consent-line" id="consent-state">
        Consent: {consentState}
      </p>
      {signals.map((s) => (
        <p class="consent-signal small muted" key={s}>
          {s}
        </p>
      ))}
    </section>
  );
}
