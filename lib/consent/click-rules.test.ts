import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rules from '@duckduckgo/autoconsent/rules/rules.json';
import committed from './click-rules.json';
import { clickRuleOf, extractClickRules, type RuleLike } from './click-rules';

const all = (rules as { autoconsent: RuleLike[] }).autoconsent;

describe('click rules from autoconsent', () => {
  it('the committed click-rules.json is what the installed autoconsent rules give', () => {
    const fresh = extractClickRules(all);
    if (process.env.UPDATE_CLICK_RULES) {
      fs.writeFileSync(path.join(import.meta.dirname, 'click-rules.json'), `${JSON.stringify(fresh)}\n`);
    }
    expect(committed).toEqual(fresh);
  });
  it('separates one-click accept/refuse buttons from settings steps', () => {
    const cc3 = clickRuleOf(all.find((r) => r.name === 'cookieconsent3')!)!;
    expect(cc3.accept).toEqual(['.cm__btn[data-role=all]']);
    expect(cc3.reject).toEqual(['.cm__btn[data-role=necessary]']);
    expect(cc3.other).toEqual(
      expect.arrayContaining(['.cm__btn[data-role=show]', '#cc-main .pm__btn[data-role=necessary]']),
    );
    expect(cc3.containers).toContain('#cc-main');
    const tac = clickRuleOf(all.find((r) => r.name === 'tarteaucitron.js')!)!;
    // Used by both opt-in and opt-out paths: decides nothing alone.
    expect(tac.accept).not.toContain('#tarteaucitronPersonalize');
    expect(tac.other).toContain('#tarteaucitronPersonalize');
    const deny = clickRuleOf(all.find((r) => r.name === 'tarteaucitron deny')!)!;
    expect(deny).toMatchObject({
      accept: ['#tarteaucitronPersonalize2'],
      reject: ['#tarteaucitronAllDenied2'],
    });
  });
});
