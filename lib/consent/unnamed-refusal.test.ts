// banner-target.ts `unnamedRefusal` — "a Reject-worded click in a dialog/fixed overlay whose text
// speaks of cookies is reported as reject-all even with no manager named".
//
// `speaksOfCookies` is a bare substring test for "cookie", and REJECT (click.ts) takes "no thanks", "decline",
// "opt out"… So any dialog or fixed overlay of the page's own that merely mentions cookies turns its dismissal into
// the visitor's refusal of tracking. Real dialogs that do:
//  - newsletter / signup popups carrying the site's cookie notice: interglobalvision/shopthecornerstore-com
//    `partials/newsletter-popup.php` puts "By continuing to use this site you agree to the storage and use of
//    cookies." inside its `#newsletter-popup` overlay (position: fixed), and Shopify themes open their newsletter
//    popup as a `<dialog>` (KondaSoft `NewsletterPopup`, `this.dialog.showModal()`), whose decline is "No thanks";
//  - any shop whose product is cookies (bakeries: "Add a box of cookies to your order?" → "No thanks").
// The detector reports such a click as `consentClick { action: 'reject-all', tool: '' }` (consent.content.ts, when
// no manager is detected), and deriveConsent makes an unconfirmed Reject all click the answer (clickChoice): it
// supersedes an earlier click-only Accept (supersedes(): `!!next.choice`), and every tracker after it is "after a
// refusal": a violation the visitor never expressed, on a site that behaved.
import { describe, expect, it } from 'vitest';
import { unnamedRefusal, type TargetElement, type TargetFacts } from './banner-target';

function el(tagName: string, matching: string[] = []): TargetElement {
  return { tagName, matches: (s) => matching.includes(s) };
}
const body = el('BODY');
const html = el('HTML');

describe('unnamedRefusal: a dialog that mentions cookies is not a cookie banner', () => {
  it('a newsletter popup carrying the site’s cookie notice: its "No thanks" is no refusal of tracking', () => {
    const popup = el('DIV'); // <div id="newsletter-popup"> (position: fixed), no dialog role, no cookie name
    const facts: TargetFacts = {
      overlay: (e) => e === popup,
      shadowHost: () => false,
      shell: (e) => e === body || e === html,
      text: (e) =>
        e === popup
          ? 'Sign up to our mailing list to be the first to receive weekly updates on new items Subscribe ' +
            'By continuing to use this site you agree to the storage and use of cookies. No thanks'
          : '',
    };
    expect(unnamedRefusal([el('BUTTON'), popup, body, html], 'No thanks', facts)).toBe(false);
  });

  it('a bakery’s upsell dialog: "No thanks" to a box of cookies is no refusal of tracking', () => {
    const dialog = el('DIALOG', ['dialog']);
    const facts: TargetFacts = {
      overlay: () => false,
      shadowHost: () => false,
      shell: (e) => e === body || e === html,
      text: (e) =>
        e === dialog
          ? 'Add a box of 6 chocolate chip cookies to your order for $9? Add to cart No thanks'
          : '',
    };
    expect(unnamedRefusal([el('BUTTON'), dialog, body, html], 'No thanks', facts)).toBe(false);
    expect(unnamedRefusal([el('BUTTON'), dialog, body, html], 'Decline offer', facts)).toBe(false);
  });
});
