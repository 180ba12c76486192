import { phaseLabel, type Phase } from '@/lib/findings';

/**
 * Phase label, coloured only when the finding is a violation (red = something to act on); the text always says
 * the phase, so colour is never the only cue.
 */
export function PhaseBadge({ phase, violation = true }: { phase: Phase; violation?: boolean }) {
  return (
    <span
      class={`badge ${violation ? `b-${phase}` : 'b-neutral'}`}
      title={violation ? `${phaseLabel(phase)}: violation` : phaseLabel(phase)}
    >
      {phaseLabel(phase)}
    </span>
  );
}
