import type { Phase } from '@/lib/findings';

const LABEL: Record<Phase, string> = {
  'before-consent': 'before consent',
  'after-reject': 'after reject',
  'after-unknown-choice': 'after a choice of unknown content',
  'after-accept': 'after accept',
};

/**
 * Phase label, coloured only when the finding is a violation (red = something to act on); the text always says
 * the phase, so colour is never the only cue.
 */
export function PhaseBadge({ phase, violation = true }: { phase: Phase; violation?: boolean }) {
  return (
    <span
      class={`badge ${violation ? `b-${phase}` : 'b-neutral'}`}
      title={violation ? `${LABEL[phase]}: violation` : LABEL[phase]}
    >
      {LABEL[phase]}
    </span>
  );
}
