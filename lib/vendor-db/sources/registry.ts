import type { SourceRef } from '../types';

export const TPW = 'third-party-web';
export const OCD = 'open-cookie-database';

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
};
