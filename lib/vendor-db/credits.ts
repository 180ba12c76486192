/** The bundled datasets and their licences: one list for the extension's Credits, the README and ATTRIBUTION.txt. */
export interface DataCredit {
  /** Folder under data/sources/. */
  dir: string;
  name: string;
  by: string;
  licence: string;
  licenceUrl: string;
  url: string;
  /** What the vendor database takes from it. */
  use: string;
  /** The attribution line the licence asks for, when it names one. */
  attribution?: string;
}

export const DATA_CREDITS: readonly DataCredit[] = [
  {
    dir: 'open-cookie-database',
    name: 'Open Cookie Database',
    by: 'jkwakman and contributors',
    licence: 'Apache License 2.0',
    licenceUrl: 'https://www.apache.org/licenses/LICENSE-2.0',
    url: 'https://github.com/jkwakman/Open-Cookie-Database',
    use: 'cookie names, retention, purposes',
  },
  {
    dir: 'third-party-web',
    name: 'third-party-web',
    by: 'Patrick Hulce and contributors',
    licence: 'MIT License',
    licenceUrl: 'https://opensource.org/license/mit',
    url: 'https://github.com/patrickhulce/third-party-web',
    use: 'request domains → entity, category',
  },
  {
    dir: 'whotracksme-2022',
    name: 'WhoTracks.me tracker database (2022-08-02 copy)',
    by: 'Cliqz / Ghostery',
    licence: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    url: 'https://github.com/whotracksme/whotracks.me',
    use: 'tracker domains, companies, countries, privacy-policy URLs, categories (merged with the other sources; changed)',
    attribution: 'WhoTracks.me tracker database (Cliqz/Ghostery), CC BY 4.0',
  },
];
