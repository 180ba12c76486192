// A Playwright-shaped facade over puppeteer-core pages in Firefox: the subset of Page, Locator and
// BrowserContext the shared E2E tests use, so the same test code drives both browsers.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL = 100;
const DEFAULT_TIMEOUT = 30_000;
const HIT_WAIT = 2_000;

/**
 * BrowserContext facade: newPage() and waitForEvent('page').
 * @param {import('puppeteer-core').Browser} browser
 * @param {{ downloadDir: string }} opts the folder Firefox saves downloads to (prefs in firefox.mjs)
 */
export function firefoxContext(browser, { downloadDir }) {
  const wrapped = new WeakMap();
  const wrap = (raw) => {
    if (!wrapped.has(raw)) wrapped.set(raw, new FirefoxPage(raw, ctx));
    return wrapped.get(raw);
  };
  const ctx = {
    browser,
    downloadDir,
    async newPage() {
      return wrap(await browser.newPage());
    },
    /** Only 'page': the next tab opened after this call (call it before the click, as with Playwright). */
    async waitForEvent(event, { timeout = DEFAULT_TIMEOUT } = {}) {
      if (event !== 'page') throw new Error(`firefoxContext.waitForEvent: unsupported event ${event}`);
      const before = new Set(browser.targets());
      const target = await browser.waitForTarget((t) => t.type() === 'page' && !before.has(t), { timeout });
      return wrap(await target.page());
    },
  };
  return ctx;
}

class FirefoxPage {
  constructor(raw, context) {
    /** The puppeteer-core Page, for what the facade does not cover. */
    this.raw = raw;
    this._context = context;
    this.keyboard = raw.keyboard;
    this.mouse = raw.mouse;
  }
  context() {
    return this._context;
  }
  /** BiDi does not report moz-extension:// navigations, so the last URL read from the document wins. */
  url() {
    const raw = this.raw.url();
    return raw === 'about:blank' && this._href ? this._href : raw;
  }
  isClosed() {
    return this.raw.isClosed();
  }
  on(event, fn) {
    this.raw.on(event, fn);
    return this;
  }
  close() {
    return this.raw.close();
  }
  bringToFront() {
    return this.raw.bringToFront();
  }
  setViewportSize({ width, height }) {
    return this.raw.setViewport({ width, height });
  }
  /** Colour-scheme emulation needs CDP; Firefox keeps its default scheme (screenshots only use this). */
  async emulateMedia() {}
  screenshot(opts) {
    return this.raw.screenshot(opts);
  }
  evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }
  async goto(url, { timeout = 60_000 } = {}) {
    if (!url.startsWith('moz-extension:')) return this.raw.goto(url, { waitUntil: 'load', timeout });
    // BiDi never reports a moz-extension:// navigation as finished: start it, then poll the document.
    this.raw.goto(url, { timeout: 2000 }).catch(() => {});
    await this.waitForFunction((u) => location.href === u && document.readyState === 'complete', url, {
      timeout,
    });
    this._href = url;
    return null;
  }
  async reload() {
    const url = await this.raw.evaluate(() => location.href);
    if (!url.startsWith('moz-extension:')) return this.raw.reload({ waitUntil: 'load' });
    await this.raw.evaluate(() => location.reload());
    await sleep(200);
    await this.waitForFunction(() => document.readyState === 'complete', null);
  }
  /** A new tab is a complete about:blank before its own document loads: wait for that document, as Playwright does. */
  async waitForLoadState() {
    this._href = await this.waitForFunction(
      () => location.href !== 'about:blank' && document.readyState === 'complete' && location.href,
      null,
    );
  }
  /**
   * Only 'download': resolves with the next file Firefox finishes saving into the download folder, as
   * `{ suggestedFilename(), saveAs(path) }` (call it before the click, as with Playwright).
   */
  async waitForEvent(event, { timeout = DEFAULT_TIMEOUT } = {}) {
    if (event !== 'download') throw new Error(`FirefoxPage.waitForEvent: unsupported event ${event}`);
    const dir = this._context.downloadDir;
    const before = new Set(fs.readdirSync(dir));
    const deadline = Date.now() + timeout;
    const sizes = new Map();
    for (;;) {
      const names = fs.readdirSync(dir);
      // Firefox creates an empty placeholder and writes `<name>.part`, renamed over it when done: a file counts
      // once it has no .part, is not empty, and kept its size for one poll.
      for (const n of names) {
        if (before.has(n) || n.endsWith('.part') || names.includes(`${n}.part`)) continue;
        let size;
        try {
          size = fs.statSync(path.join(dir, n)).size;
        } catch {
          continue; // renamed between listing and stat
        }
        if (size > 0 && sizes.get(n) === size) {
          const src = path.join(dir, n);
          return { suggestedFilename: () => n, saveAs: async (dest) => fs.copyFileSync(src, dest) };
        }
        sizes.set(n, size);
      }
      if (Date.now() > deadline) throw new Error(`no download finished within ${timeout} ms`);
      await sleep(POLL);
    }
  }
  waitForTimeout(ms) {
    return sleep(ms);
  }
  /**
   * Playwright's signature (fn, arg, { timeout }); polls in Node so it survives the navigations between
   * extension documents that puppeteer's in-page polling loses.
   */
  async waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    let lastError;
    for (;;) {
      try {
        const v = await this.raw.evaluate(fn, arg);
        if (v) return v;
      } catch (err) {
        lastError = err;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `waitForFunction timed out after ${timeout} ms${lastError ? ` (${lastError.message})` : ''}`,
        );
      }
      await sleep(POLL);
    }
  }
  async waitForSelector(selector, { timeout = DEFAULT_TIMEOUT, state = 'visible' } = {}) {
    const loc = this.locator(selector);
    const deadline = Date.now() + timeout;
    for (;;) {
      const ok = await loc
        ._eval(
          (els, state) =>
            state === 'detached'
              ? els.length === 0
              : els.length > 0 && (state !== 'visible' || els[0].getClientRects().length > 0),
          state,
        )
        .catch(() => false);
      if (ok) return loc.first();
      if (Date.now() > deadline) {
        // What the page showed instead: a timeout alone says nothing after the browser is gone.
        const shown = await this.raw
          .evaluate(() =>
            `${location.href} ${document.body?.innerText ?? ''}`.replace(/\s+/g, ' ').slice(0, 600),
          )
          .catch((e) => `(page unreadable: ${e.message})`);
        throw new Error(
          `waitForSelector ${selector} (${state}): timed out after ${timeout} ms; page: ${shown}`,
        );
      }
      await sleep(POLL);
    }
  }
  locator(selector) {
    return new FirefoxLocator(this, [stepOf(selector)]);
  }
  getByLabel(label, opts) {
    return new FirefoxLocator(this, []).getByLabel(label, opts);
  }
  getByRole(role, opts) {
    return new FirefoxLocator(this, []).getByRole(role, opts);
  }
  setInputFiles(selector, file) {
    return this.locator(selector).first().setInputFiles(file);
  }
  selectOption(selector, value) {
    return this.locator(selector).first().selectOption(value);
  }
  textContent(selector) {
    return this.locator(selector).first().textContent();
  }
  click(selector, opts) {
    return this.locator(selector).first().click(opts);
  }
  fill(selector, value) {
    return this.locator(selector).first().fill(value);
  }
  async press(selector, key) {
    await this.locator(selector).first().focus();
    await this.raw.keyboard.press(key);
  }
  inputValue(selector) {
    return this.locator(selector).first().inputValue();
  }
  isChecked(selector) {
    return this.locator(selector).first().isChecked();
  }
}

/**
 * Finds the elements of a locator chain in the page. Each step is `{ css }`, `{ text }` (smallest elements
 * containing the text, case-insensitive, like Playwright's `text=`), `{ label, exact }` (the control of a
 * <label>), `{ role: 'button', name }`, searched inside the previous step's matches, or `{ nth }` (one of them).
 */
function resolveInPage(chain) {
  const norm = (t) => (t ?? '').replace(/\s+/g, ' ').trim();
  const find = (root, step) => {
    if (step.css) return [...root.querySelectorAll(step.css)];
    const all = [...root.querySelectorAll('*')];
    if (step.text) {
      const want = step.text.toLowerCase();
      const has = (e) => norm(e.textContent).toLowerCase().includes(want);
      return all.filter((e) => has(e) && ![...e.children].some(has));
    }
    if (step.label) {
      return [...root.querySelectorAll('label')]
        .filter((l) =>
          step.exact ? norm(l.textContent) === step.label : norm(l.textContent).includes(step.label),
        )
        .map((l) => l.control)
        .filter(Boolean);
    }
    if (step.role === 'button') {
      return [...root.querySelectorAll('button, [role="button"]')].filter((b) =>
        norm(b.textContent).toLowerCase().includes(step.name.toLowerCase()),
      );
    }
    throw new Error(`unsupported locator step ${JSON.stringify(step)}`);
  };
  let scope = [document];
  for (const step of chain) {
    if ('nth' in step) scope = scope[step.nth] ? [scope[step.nth]] : [];
    else scope = [...new Set(scope.flatMap((r) => find(r, step)))];
  }
  return scope;
}

/** Playwright selector string → locator step (`text=…` or CSS). */
const stepOf = (selector) => (selector.startsWith('text=') ? { text: selector.slice(5) } : { css: selector });

/** A lazy locator: a `chain` of steps, each searched inside the previous one's matches (see resolveInPage). */
class FirefoxLocator {
  constructor(page, chain) {
    this.page = page;
    this.chain = chain;
  }
  _with(step) {
    return new FirefoxLocator(this.page, [...this.chain, step]);
  }
  locator(selector) {
    return this._with(stepOf(selector));
  }
  getByLabel(label, { exact = false } = {}) {
    return this._with({ label, exact });
  }
  getByRole(role, { name }) {
    if (role !== 'button') throw new Error(`getByRole: only 'button' is supported, not ${role}`);
    return this._with({ role, name });
  }
  first() {
    return this.nth(0);
  }
  nth(i) {
    return this._with({ nth: i });
  }
  /** Runs `fn(elements, arg)` in the page against the matched elements. */
  _eval(fn, arg) {
    return this.page.raw.evaluate(
      (resolveSrc, chain, src, arg) => {
        const els = new Function(`return (${resolveSrc})`)()(chain);
        return new Function('els', 'arg', `return (${src})(els, arg);`)(els, arg);
      },
      String(resolveInPage),
      this.chain,
      String(fn),
      arg ?? null,
    );
  }
  /** Waits (Playwright-style auto-wait) until an element is attached, then returns its handle. */
  async _one({ timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const n = await this._eval((els) => els.length).catch(() => 0);
      if (n >= 1) break;
      if (Date.now() > deadline) throw new Error(`locator ${JSON.stringify(this.chain)}: no element`);
      await sleep(POLL);
    }
    const handle = await this.page.raw.evaluateHandle(
      (resolveSrc, chain) => new Function(`return (${resolveSrc})`)()(chain)[0],
      String(resolveInPage),
      this.chain,
    );
    return handle.asElement();
  }
  async waitFor({ timeout } = {}) {
    await this._one({ timeout });
  }
  count() {
    return this._eval((els) => els.length);
  }
  async all() {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }
  async textContent() {
    await this._one();
    return this._eval((els) => els[0].textContent);
  }
  async allTextContents() {
    return this._eval((els) => els.map((e) => e.textContent));
  }
  async getAttribute(name) {
    await this._one();
    return this._eval((els, name) => els[0].getAttribute(name), name);
  }
  async inputValue() {
    await this._one();
    return this._eval((els) => els[0].value);
  }
  async isChecked() {
    await this._one();
    return this._eval((els) => els[0].checked);
  }
  async focus() {
    await this._one();
    await this._eval((els) => els[0].focus());
  }
  async scrollIntoViewIfNeeded() {
    await this._one();
    await this._eval((els) => els[0].scrollIntoView({ block: 'nearest' }));
  }
  /** A real (trusted) click through WebDriver BiDi input, so it counts as a user gesture. */
  async click({ timeout = DEFAULT_TIMEOUT } = {}) {
    const el = await this._one({ timeout });
    // As Playwright does: click only where the element itself is hit, so a re-render that moved it or covered it
    // between finding it and pressing is waited out, not clicked past; still covered after HIT_WAIT (a test
    // clicking through an overlay on purpose), it is clicked where it is.
    const deadline = Date.now() + HIT_WAIT;
    for (;;) {
      const point = await this._eval((els) => {
        els[0].scrollIntoView({ block: 'center' });
        const r = els[0].getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        return hit && (hit === els[0] || els[0].contains(hit)) ? { x, y } : null;
      }).catch(() => null);
      if (point) return this.page.raw.mouse.click(point.x, point.y);
      if (Date.now() > deadline) return el.click();
      await sleep(POLL);
    }
  }
  async check() {
    if (!(await this.isChecked())) await this.click();
  }
  async uncheck() {
    if (await this.isChecked()) await this.click();
  }
  /** Clears the field the way an edit does (input event), then types the value as keystrokes. */
  async fill(value) {
    const el = await this._one();
    await this._eval((els) => {
      els[0].focus();
      els[0].value = '';
      els[0].dispatchEvent(new Event('input', { bubbles: true }));
    });
    if (String(value)) await el.type(String(value));
  }
  async setInputFiles(file) {
    const el = await this._one();
    await el.uploadFile(file);
  }
  /** Selects an <option> by value and fires the events a user's choice fires. */
  async selectOption(value) {
    await this._one();
    await this._eval((els, value) => {
      els[0].value = value;
      els[0].dispatchEvent(new Event('input', { bubbles: true }));
      els[0].dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }
}
