import { isPlatformSuffix } from '../../domain';

/**
 * The value filed under `domain` or its nearest parent (www.linkedin.com → linkedin.com), never across a platform's
 * public suffix: d123.cloudfront.net is a customer's, not Amazon's.
 */
export function nearestDomain<T>(byDomain: ReadonlyMap<string, T>, domain: string): T | undefined {
  for (let d = domain; ;) {
    const value = byDomain.get(d);
    if (value !== undefined) return value;
    const dot = d.indexOf('.');
    if (dot === -1 || d.indexOf('.', dot + 1) === -1) return undefined;
    d = d.slice(dot + 1);
    if (isPlatformSuffix(d)) return undefined;
  }
}
