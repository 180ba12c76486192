import type { SourceRef } from '../types';

export const TPW = 'third-party-web';
export const OCD = 'open-cookie-database';
export const WTM_ID = 'whotracksme-2022';

/** Every dataset and seed a record may cite; policy sources are added per company (policy:<key>). */
export const KNOWN_SOURCES: Readonly<Record<string, SourceRef>> = {
  [TPW]: {
    id: TPW,
    title: 'third-party-web entities.json (npm third-party-web@0.30.0)',
    url: 'https://github.com/patrickhulce/third-party-web',
    licence: 'MIT',
  },
  [OCD]: {
    id: OCD,
    title: 'Open Cookie Database (commit 0ee5a17f, 2026-01-21)',
    url: 'https://github.com/jkwakman/Open-Cookie-Database',
    licence: 'Apache-2.0',
  },
  [WTM_ID]: {
    id: WTM_ID,
    title: 'WhoTracks.me tracker database, trackerdb.sql at commit 3d961e62 (2022-08-02)',
    url: 'https://github.com/whotracksme/whotracks.me',
    licence: 'CC-BY-4.0',
  },
};
