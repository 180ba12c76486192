import type { ExportInput, ExportMeta } from '@/lib/export/json';
import { usedSources } from '@/lib/export/json';
import { formatDateTime, formatIso } from '@/lib/report/format';
import { buildTimeline } from '@/lib/report/timeline';
import { groupVendors, unknownItems } from '@/lib/report/vendors';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { ConsentEvents } from '../ConsentEvents';
import { PageText } from '../PageText';
import { RefiledNote } from '../RefiledNote';
import { SafeLink } from '../SafeLink';
import { TimelineHead, TimelineRow } from '../Timeline';
import { UnknownList } from '../UnknownList';
import { VendorGroups } from '../VendorGroups';
import { Verdict } from '../Verdict';
import { ExportDocument } from './ExportDocument';

export interface ReportDocumentProps {
  input: ExportInput;
  vendors: VendorRecord[];
  meta: ExportMeta;
}

/** What a HAR file's reader had to count apart: entries without a time, cut headers, refused cookies. */
interface HarGaps {
  undated: number;
  truncated: number;
  rejected: number;
}

/** Where the observations came from: the extension, or a HAR file read offline by `cli har`. */
function Capture({ har, gaps }: { har: boolean; gaps: HarGaps }) {
  const { undated, truncated, rejected } = gaps;
  return har ? (
    <p>
      This report was built offline from a HAR file (a browser's recording of network traffic). The requests
      and cookies it contains were classified the same way as in the extension. A HAR does not contain cookies
      written by page scripts (document.cookie) or the page's own consent API, so those can be missing.
      {undated > 0 &&
        ` ${undated} ${undated === 1 ? 'entry' : 'entries'} of the file had no valid start time: ${undated === 1 ? 'its' : 'their'} requests and cookies were counted from the start of the page visit (before any choice), and a consent choice seen in them only after the last entry with a time.`}
      {truncated > 0 &&
        ` ${truncated} header ${truncated === 1 ? 'value was' : 'values were'} over 1 MiB and cut there: cookies after the cut are not in this report.`}
      {rejected > 0 &&
        ` ${rejected} ${rejected === 1 ? 'Set-Cookie names a domain' : 'Set-Cookies name a domain'} the responding host may not set cookies for, which a browser refuses: not in this report.`}
    </p>
  ) : (
    <p>
      Cookie Inspector is a browser extension. While the page was open it recorded the network requests of the
      tab (browser webRequest events), the cookies set for the page (Set-Cookie headers, the cookies API and
      scripts writing document.cookie) and the signals of the page's consent tool.
    </p>
  );
}

function Method({ har, gaps }: { har: boolean; gaps: HarGaps }) {
  return (
    <section id="method">
      <h2>Method and limitations</h2>
      <Capture har={har} gaps={gaps} />
      <p>
        Each request and cookie was matched against the vendor database bundled with Cookie Inspector and
        labelled with the consent phase in force at the time it was seen: <em>before consent</em> (no choice
        recorded yet), <em>after accept</em>, <em>after reject</em>, or <em>after an unclear choice</em> (a
        stored choice Cookie Inspector could not read, or one whose switches do not say whether they cover the
        tracker). A finding is a violation when its category needs prior consent (advertising, marketing,
        analytics, social) and it happened before a choice or after the visitor refused that category or
        switched that vendor off by name; one after an unclear choice needs review.
      </p>
      <ul class="small">
        <li>Times are the browser's event times; offsets are relative to the start of the page visit.</li>
        <li>
          Every observation carries its provenance: <em>browser</em> (the browser's own APIs),{' '}
          <em>detector</em> (Cookie Inspector's isolated content script) or <em>page</em> (the page's own
          scripts, which the audited site controls). Only browser-observed consent cookies and stored choices
          count as the visitor's choice; what the page reports is shown as confirmed or not confirmed and
          never changes a phase.
        </li>
        <li>
          Attribution depends on the bundled vendor database; unattributed hosts and cookies are listed under
          "Unknown" with the classifier's reason.
        </li>
        <li>
          GDPR details marked <span class="derived">derived</span> are not stated by any public source for
          that vendor; they were computed by the named rule. Values marked{' '}
          <span class="derived">unverified</span> come from a dataset nobody checked against the vendor's own
          pages. All other values name their source.
        </li>
        <li>
          Consent moments are read from the consent tool's own signals (cookies, TCF, request parameters); if
          a tool is not recognised, its choice may be missing and later findings stay in "before consent".
        </li>
        <li>This report records observations; it is not legal advice.</li>
      </ul>
    </section>
  );
}

function Sources({ vendors, attribution }: { vendors: VendorRecord[]; attribution?: string | null }) {
  const sources = usedSources(vendors);
  return (
    <section id="sources">
      <h2>Data sources</h2>
      {sources.length ? (
        <ul>
          {sources.map((s) => (
            <li key={s.id}>
              <SafeLink href={s.url}>{s.title}</SafeLink>{' '}
              <span class="muted small">
                ({s.id}
                {s.licence ? `; licence: ${s.licence}` : ''})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No vendor data used.</p>
      )}
      {attribution && (
        <>
          <h3>Attribution and licences</h3>
          <pre>{attribution}</pre>
        </>
      )}
    </section>
  );
}

/** Every event, in time order: the report page's timeline rows, all of them, without filters or scrolling. */
function StaticTimeline({ input, vendors }: { input: ExportInput; vendors: VendorRecord[] }) {
  const { visit, findings, consent } = input.derived;
  const entries = buildTimeline(visit, findings, vendors, consent.lines);
  return (
    <section id="timeline-section">
      <h2>Timeline</h2>
      <p class="muted small" id="timeline-count">
        {entries.length} events
      </p>
      <table class="timeline" id="timeline">
        <TimelineHead />
        <tbody>
          {entries.map((e, i) => (
            <TimelineRow key={e.id} e={e} index={i} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The exported report as one self-contained document: the report page's own components (verdict, consent
 * timeline, vendors with GDPR facts and cookies, unknowns, timeline) with inline CSS, a CSP that allows no script
 * and no remote load, and details/summary where the page has buttons.
 */
export function ReportDocument({ input, vendors, meta }: ReportDocumentProps) {
  const { derived } = input;
  const { visit, findings } = derived;
  const title = `Cookie Inspector report: ${visit.site}`;
  const unknowns = unknownItems(findings);
  return (
    <ExportDocument title={title} dataImages>
      <header>
        <h1>{title}</h1>
        <p class="meta">
          Page: <PageText code text={visit.url} />
        </p>
        <p class="meta">
          Visit started {formatIso(visit.startedAt)} (local {formatDateTime(visit.startedAt)})
          {visit.endedAt ? `, ended ${formatIso(visit.endedAt)}` : ', still open'}
          {visit.incognito ? ', private window' : ''}
        </p>
        <p class="meta">
          Generated {formatIso(meta.generatedAt)} by Cookie Inspector {meta.toolVersion}; visit id{' '}
          <code>{visit.id}</code>
        </p>
      </header>
      <Verdict verdict={derived.verdict} consentState={derived.consentState} />
      {input.browserOnly && (
        <p class="meta">
          <strong>Browser-observed evidence only</strong>: what our detector or the page reported is left out.
        </p>
      )}
      <RefiledNote derived={derived} />
      <h2>Consent timeline</h2>
      <ConsentEvents derived={derived} />
      <h2>Vendors</h2>
      <VendorGroups groups={groupVendors(derived, vendors)} />
      {unknowns.length ? (
        <UnknownList items={unknowns} limit={unknowns.length} />
      ) : (
        <section id="unknowns">
          <h2>Unknown hosts and cookies</h2>
          <p class="muted">None: every observation was attributed.</p>
        </section>
      )}
      <StaticTimeline input={input} vendors={vendors} />
      <Method
        har={meta.capture === 'har'}
        gaps={{
          undated: meta.undatedEntries ?? 0,
          truncated: meta.truncatedHeaders ?? 0,
          rejected: meta.rejectedCookies ?? 0,
        }}
      />
      <Sources vendors={vendors} attribution={meta.attribution} />
    </ExportDocument>
  );
}
