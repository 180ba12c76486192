/** Inline CSS of the self-contained HTML report: system fonts, light and dark, printable. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1d21;--muted:#5b616b;--line:#d9dce1;--card:#f6f7f9;--bad:#b3261e;--bad-bg:#fdecea;--warn:#8a5a00;--warn-bg:#fff4d6;--ok:#1e6b35;--ok-bg:#e6f4ea;--accent:#2457c5}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e7e9ec;--muted:#a0a6b0;--line:#33373d;--card:#1e2126;--bad:#ff8a80;--bad-bg:#3b1d1b;--warn:#ffcc66;--warn-bg:#3a2f12;--ok:#8bd49c;--ok-bg:#183222;--accent:#8ab4ff}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
a{color:var(--accent)}code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;white-space:pre-wrap}
pre{background:var(--card);padding:8px;border-radius:6px;margin:4px 0;max-height:none}
.meta{color:var(--muted);margin:0}
.verdict{font-size:18px;font-weight:600;padding:12px 14px;border-radius:8px;margin:16px 0 4px}
.verdict.violation{background:var(--bad-bg);color:var(--bad)}.verdict.clean,.verdict.empty{background:var(--ok-bg);color:var(--ok)}
table{border-collapse:collapse;width:100%;margin:6px 0;table-layout:fixed}td code{word-break:break-all}.w-s{width:110px}.w-m{width:22%}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{font-weight:600;color:var(--muted);font-size:12px}
.vendor{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0;break-inside:avoid}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:1px 6px;border-radius:10px;margin-right:4px;white-space:nowrap}
.b-before-consent{background:var(--bad-bg);color:var(--bad)}.b-after-reject{background:var(--warn-bg);color:var(--warn)}.b-after-accept{background:var(--ok-bg);color:var(--ok)}.b-neutral{background:var(--card);color:var(--muted)}
dl{display:grid;grid-template-columns:minmax(140px,max-content) 1fr;gap:4px 12px;margin:6px 0}dt{color:var(--muted)}dd{margin:0}
.prov{color:var(--muted);font-size:12px}.derived{font-size:11px;font-weight:600;border:1px dashed var(--warn);color:var(--warn);border-radius:4px;padding:0 4px;margin-left:4px}
.note{color:var(--muted);font-size:12px}
@media print{body{padding:0}.vendor{border-color:#999}}
`;
