// Synthetic evidence for benchmarks and tests that need a large visit (pure: no browser; `npm run bench:derive`
// uses it too).

/** `n` evidence entries for a visit: requests and cookies of many hosts, a quarter unattributed. */
export function syntheticEntries(visit, n, vendors) {
  return Array.from({ length: n }, (_, i) => {
    const v = i % 4 === 3 ? null : vendors[i % vendors.length];
    const kind = i % 2 ? 'cookie' : 'request';
    const host = `t${i}.bench.example`;
    const key = kind === 'cookie' ? `c${i}@bench.example` : host;
    const at = visit.startedAt + i;
    return {
      id: `${visit.id}|${kind}|${key}|bench`,
      visitId: visit.id,
      kind,
      provenance: 'browser',
      via: kind === 'cookie' ? 'cookies-api' : 'webRequest',
      key,
      host,
      site: 'bench.example',
      at,
      lastAt: at,
      count: 1,
      times: [at],
      url: `https://${host}/p?i=${i}`,
      classification: {
        vendor: v?.id ?? null,
        vendorName: v?.name ?? null,
        company: null,
        category: v?.category ?? 'unknown',
        thirdParty: true,
        reason: v ? `host matches ${v.id}` : 'host matches no known vendor',
      },
      ...(kind === 'cookie' && {
        cookie: {
          name: `c${i}`,
          domain: host,
          action: 'set',
          valueLength: 8,
          valueHash: 'h',
          lifetimeSeconds: 86_400,
        },
      }),
    };
  });
}
