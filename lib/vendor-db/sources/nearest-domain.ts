import { isPlatformSuffix } from '../../domain';

/**
 * The value filed under `domain` or its nearest parent (www.linkedin.com → linkedin.com), never across a platform's
 * public suffix (d123.cloudfront.net is a customer's, not Amazon's) or another parent `stop` names.
 */
export function nearestDomain<T>(
  byDomain: ReadonlyMap<string, T>,
  domain: string,
  stop: (parent: string) => boolean = isPlatformSuffix,
): T | undefined {
  for (let d = domain; ;) {
    const value = byDomain.get(d);
    if (value !== undefined) return value;
    const dot = d.indexOf('.');
    if (dot === -1 || d.indexOf('.', dot + 1) === -1) return undefined;
    d = d.slice(dot + 1);
    if (stop(d)) return undefined;
  }
}
