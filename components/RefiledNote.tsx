import type { DerivedVisit } from '@/lib/evidence/derive';

/**
 * Says that a stored or imported visit was classified again with the vendor database in use (it was recorded with
 * another one), and how many observations that changed: an auditor comparing with an earlier export sees why.
 */
export function RefiledNote({ derived }: { derived: Pick<DerivedVisit, 'refiled'> }) {
  if (derived.refiled === undefined) return null;
  return (
    <p class="note small" id="refiled">
      Recorded with an earlier vendor database and classified again with the current one:{' '}
      {derived.refiled === 0
        ? 'no observation is classified differently.'
        : `${derived.refiled} observation${derived.refiled === 1 ? ' is' : 's are'} classified differently (the timeline says what each was recorded as).`}
    </p>
  );
}
