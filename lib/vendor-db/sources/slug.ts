/** Stable kebab-case vendor id from a display name ("Google/Doubleclick Ads" → "google-doubleclick-ads"). */
export function toVendorId(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!id) throw new Error(`cannot make a vendor id from ${JSON.stringify(name)}`);
  return id;
}
