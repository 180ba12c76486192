import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_CREDITS } from './credits';
import { KNOWN_SOURCES } from './sources/registry';

const SOURCES = join(import.meta.dirname, '..', '..', 'data', 'sources');

describe('data credits', () => {
  it('credit every bundled dataset, with its licence file in data/sources', () => {
    const datasets = Object.values(KNOWN_SOURCES).filter((s) => s.licence !== null);
    for (const d of datasets) {
      const credit = DATA_CREDITS.find((c) => c.dir === d.id || d.id.startsWith(c.dir));
      expect(credit, d.id).toBeDefined();
      expect(existsSync(join(SOURCES, credit!.dir, 'LICENSE')), credit!.dir).toBe(true);
    }
    const wtm = DATA_CREDITS.find((c) => c.dir === 'whotracksme-2022')!;
    expect(wtm.licence).toMatch(/CC BY 4\.0/);
    expect(wtm.attribution).toBe('WhoTracks.me tracker database (Cliqz/Ghostery), CC BY 4.0');
  });
});
