// Queries over a DB snapshot from readDb(): visits of a tab, findings of a visit.

/** Visits of `tabId` whose URL equals `url` (or matches it, for a RegExp), oldest first. */
export function visitsOf(db, { tabId, url }) {
  return db.visits
    .filter(
      (v) =>
        (tabId === undefined || v.tabId === tabId) &&
        (url === undefined || (url instanceof RegExp ? url.test(v.url) : v.url === url)),
    )
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** Findings of one visit, optionally of one kind. */
export function findingsOf(db, visitId, kind) {
  return db.findings.filter((f) => f.visitId === visitId && (!kind || f.kind === kind));
}

/** Request findings of a visit for `host` (all phases). */
export function requestFindings(db, visitId, host) {
  return findingsOf(db, visitId, 'request').filter((f) => f.host === host);
}

/** Cookie findings of a visit for cookie `name` (all domains and phases). */
export function cookieFindings(db, visitId, name) {
  return findingsOf(db, visitId, 'cookie').filter((f) => f.cookieName === name);
}

/** Sum of `count` over findings. */
export function totalCount(findings) {
  return findings.reduce((n, f) => n + f.count, 0);
}
