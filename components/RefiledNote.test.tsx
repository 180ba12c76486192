import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { RefiledNote } from './RefiledNote';

describe('RefiledNote', () => {
  it('says nothing for a visit derived as it was recorded', () => {
    expect(render(<RefiledNote derived={{}} />)).toBe('');
  });

  it('says a stored visit was classified again, and how many observations that changed', () => {
    expect(render(<RefiledNote derived={{ refiled: 0 }} />)).toContain(
      'no observation is classified differently',
    );
    expect(render(<RefiledNote derived={{ refiled: 1 }} />)).toContain(
      '1 observation is classified differently',
    );
    expect(render(<RefiledNote derived={{ refiled: 3 }} />)).toContain(
      '3 observations are classified differently',
    );
  });
});
