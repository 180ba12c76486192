// Renders public/icon/icon.svg to the PNG sizes the stores and browsers ask for (16, 32, 48, 128) with the
// Debian Chromium the E2E tests use; WXT picks public/icon/<size>.png up as the manifest's icons.
// Run after editing the SVG: `node scripts/make-icons.mjs` (the PNGs are committed).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '../public/icon');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const SIZES = [16, 32, 48, 128];

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const file = path.join(dir, `${size}.png`);
    await page.screenshot({
      path: file,
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    console.log(`${path.relative(process.cwd(), file)} ${size}×${size}`);
  }
} finally {
  await browser.close();
}
