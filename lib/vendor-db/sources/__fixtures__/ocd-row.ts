/** Test fixtures only: one Open Cookie Database row with the given id, category and cookie name. */
export const ocdRow = (id: string, category: string, cookie: string) => ({
  id,
  category,
  cookie,
  domain: '',
  description: 'A cookie',
  retentionPeriod: '1 year',
  dataController: '',
  privacyLink: '',
  wildcardMatch: '0',
});
