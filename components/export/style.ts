/**
 * Inline CSS of the exported HTML report: the report page's look (components/ui.css) for the classes the shared
 * components render, plus the document frame. System fonts, light and dark, printable; no external assets.
 */
export const EXPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1d21;--muted:#5b616b;--line:#dfe2e6;--card:#f5f6f8;--bad:#b3261e;--bad-bg:#fdecea;--warn:#8a5a00;--warn-bg:#fff4d6;--ok:#1e6b35;--ok-bg:#e6f4ea;--accent:#2457c5}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e7e9ec;--muted:#a0a6b0;--line:#30343a;--card:#1e2126;--bad:#ff8a80;--bad-bg:#3b1d1b;--warn:#ffcc66;--warn-bg:#3a2f12;--ok:#8bd49c;--ok-bg:#183222;--accent:#8ab4ff}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:14px;margin:12px 0 4px}
section>h2:first-child,.report>h2{border-bottom:1px solid var(--line);padding-bottom:4px}
a{color:var(--accent)}
code,pre,.mono{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
pre{white-space:pre-wrap;background:var(--card);padding:6px 8px;border-radius:6px;margin:4px 0}
.muted,.meta{color:var(--muted)}.meta{margin:0}.small{font-size:12px}
.row{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.note{background:var(--warn-bg);color:var(--warn);border-radius:6px;padding:4px 8px}
.verdict{border-radius:8px;padding:10px 12px;margin:16px 0 4px;font-size:17px;font-weight:600}
.verdict.violation{background:var(--bad-bg);color:var(--bad)}.verdict.clean,.verdict.empty{background:var(--ok-bg);color:var(--ok)}
.consent-line{margin:0 0 8px;color:var(--muted)}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:9px;white-space:nowrap;line-height:18px;margin-right:4px}
.b-before-consent{background:var(--bad-bg);color:var(--bad)}.b-after-reject{background:var(--warn-bg);color:var(--warn)}.b-after-accept{background:var(--ok-bg);color:var(--ok)}.b-neutral{background:var(--card);color:var(--muted)}
.derived{font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;border:1px dashed var(--warn);color:var(--warn);border-radius:4px;padding:0 4px;margin-left:6px;text-decoration:none}
.status{font-size:12px;color:var(--muted)}
.consent-events{padding-left:18px}.consent-events li{margin:4px 0}
.group{margin:10px 0 0}.group>h2{display:flex;gap:6px;align-items:baseline;margin:10px 0 4px}.group>h2 .cat{text-transform:capitalize}
.vendors{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:8px;overflow:hidden}
.vendors>li+li{border-top:1px solid var(--line)}
.vendor-row{break-inside:avoid}
.vendor-head{display:flex;gap:8px;align-items:center;padding:7px 10px;cursor:pointer}
.vendor-head .name{font-weight:600}.vendor-head .meta{font-size:12px;margin-left:auto;text-align:right}
.vendor-row.violation{box-shadow:inset 3px 0 0 var(--bad)}.vendor-row.reject{box-shadow:inset 3px 0 0 var(--warn)}
.vendor-body{padding:4px 12px 10px 30px;background:var(--card)}
dl.facts{display:grid;grid-template-columns:minmax(90px,11em) 1fr;gap:5px 10px;margin:6px 0}.fact{display:contents}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.src-ref{color:var(--muted);margin-left:3px}
ol.sources{margin:2px 0 8px;padding-left:22px;color:var(--muted)}
blockquote.evidence{margin:2px 0 4px;padding-left:8px;border-left:2px solid var(--line);color:var(--muted)}
.cookie-list{list-style:none;margin:4px 0;padding:0}.cookie-list li{padding:5px 0;border-top:1px solid var(--line)}.cookie-list li>div+div{margin-top:2px}
.prov{display:block;color:var(--muted);font-size:11px}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{color:var(--muted);font-weight:600;font-size:11px}
.unknowns{list-style:none;margin:0;padding:0}.unknowns li{padding:4px 0;border-bottom:1px solid var(--line)}
.unknowns .reason{color:var(--muted);font-size:12px;display:block}
.timeline .kind{font-size:11px;color:var(--muted);text-transform:uppercase}
.timeline tr.t-consent td{background:var(--card)}.timeline .viol{color:var(--bad);font-size:12px}
.page-text{unicode-bidi:isolate}
@media print{body{padding:0}details>summary{list-style:none}}
`;
