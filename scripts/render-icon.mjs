// Renders media/icon.png (128x128) from the inline SVG below with headless Chromium.
// Usage: node scripts/render-icon.mjs   (needs Debian's /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');

// A key on a shield, in Django's greens, on a dark rounded square.
const SVG = `
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#0f4430"/>
      <stop offset="1" stop-color="#092e20"/>
    </linearGradient>
    <linearGradient id="shield" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#5fd3a0"/>
      <stop offset="1" stop-color="#2f9e6f"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <path d="M64 17 L101 30 V59 C101 84 86 101 64 111 C42 101 27 84 27 59 V30 Z" fill="url(#shield)"/>
  <g fill="#092e20">
    <path fill-rule="evenodd" d="M64 35 a14 14 0 1 1 0 28 a14 14 0 1 1 0 -28 Z M64 43.5 a5.5 5.5 0 1 0 0 11 a5.5 5.5 0 1 0 0 -11 Z"/>
    <rect x="59.5" y="60" width="9" height="35" rx="2"/>
    <rect x="66" y="76" width="12" height="6.5" rx="1.5"/>
    <rect x="66" y="86.5" width="8.5" height="6.5" rx="1.5"/>
  </g>
</svg>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${SVG}</body></html>`);
  await page.locator('svg').screenshot({ path: OUT, omitBackground: true });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
}
