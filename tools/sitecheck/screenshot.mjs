// Screenshots of a served site as a phone shows it: for each path, the
// first screen (375×812) and the whole page at 375 px. Run by
// tools/screenshots; puppeteer-core comes with the pinned Lighthouse.
// Usage: node screenshot.mjs <chromium> <base-url> <out-folder> <path>...
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [chromium, base, out, ...paths] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'shots-'));
const browser = await puppeteer.launch({
  executablePath: chromium,
  userDataDir: profile,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 375, height: 812, isMobile: true, hasTouch: true });
  for (const p of paths) {
    const name = p.replace(/^\/|\/$/g, '').replaceAll('/', '-') || 'home';
    await page.goto(base + p, { waitUntil: 'networkidle0' });
    const screen = join(out, `${name}-375-screen.png`);
    const whole = join(out, `${name}-375-page.png`);
    await page.screenshot({ path: screen });
    await page.screenshot({ path: whole, fullPage: true });
    console.log(screen, whole);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
