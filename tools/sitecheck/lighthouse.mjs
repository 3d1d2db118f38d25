// Runs Lighthouse on a list of URLs with the mobile and desktop presets, in
// one Chromium (CHROME_PATH, Debian's /usr/bin/chromium by default), and
// prints one JSON report to stdout:
//
//   {"runs": [{"url", "preset", "scores": {"performance": 100, ...},
//              "failing": [{"id", "category", "score", "title", "displayValue"}]}]}
//
// Usage: node lighthouse.mjs [--preset mobile,desktop] URL...
//
// The Go tests in qa/ run it against the built site served on 127.0.0.1 and
// judge the scores; this script only measures.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

function parseArgs(argv) {
  const out = {presets: ['mobile', 'desktop'], urls: []};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--preset') {
      out.presets = argv[++i].split(',').filter(Boolean);
    } else {
      out.urls.push(argv[i]);
    }
  }
  for (const p of out.presets) {
    if (p !== 'mobile' && p !== 'desktop') throw new Error(`unknown preset ${p}`);
  }
  if (out.urls.length === 0) throw new Error('usage: node lighthouse.mjs [--preset mobile,desktop] URL...');
  return out;
}

// Flags Debian's chromium needs as root on a closed network (TOOLING.md).
const chromeFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--no-default-browser-check',
];

// failing lists the audits of the categories that cost points.
function failing(lhr) {
  const out = [];
  for (const id of categories) {
    const cat = lhr.categories[id];
    if (!cat) continue;
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score >= 1) continue;
      if (['informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode)) continue;
      if (ref.weight === 0 && id !== 'performance') continue;
      out.push({id: a.id, category: id, weight: ref.weight, score: a.score, title: a.title, displayValue: a.displayValue || ''});
    }
  }
  return out;
}

// launch starts a fresh chromium with its own profile.
async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-chromium-'));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags,
    userDataDir,
    logLevel: 'silent',
  });
  return {
    port: chrome.port,
    async close() {
      await chrome.kill();
      fs.rmSync(userDataDir, {recursive: true, force: true});
    },
  };
}

// measure runs Lighthouse once. When Chrome fails to record the page load
// (a runtime error such as NO_NAVSTART, which a busy two-core machine
// sometimes causes), it tries again in a fresh browser, up to 3 times in all.
async function measure(browser, url, preset) {
  let result;
  for (let attempt = 1; ; attempt++) {
    // The full-page screenshot only illustrates the HTML report, which
    // nobody reads here (qa/ saves its own screenshots).
    const flags = {port: browser.port, output: 'json', logLevel: 'error', onlyCategories: categories, disableFullPageScreenshot: true};
    result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    const err = result.lhr.runtimeError;
    if (!err || attempt === 3) {
      result.attempts = attempt;
      return {browser, result};
    }
    process.stderr.write(`lighthouse ${preset} ${url}: ${err.code}; trying again in a fresh browser\n`);
    await browser.close();
    browser = await launch();
  }
}

async function main() {
  const {presets, urls} = parseArgs(process.argv.slice(2));
  let browser = await launch();
  const runs = [];
  try {
    for (const preset of presets) {
      for (const url of urls) {
        let result;
        ({browser, result} = await measure(browser, url, preset));
        const lhr = result.lhr;
        const scores = {};
        for (const id of categories) {
          const s = lhr.categories[id]?.score;
          scores[id] = s === null || s === undefined ? -1 : Math.round(s * 100);
        }
        runs.push({
          url, preset, scores, failing: failing(lhr), attempts: result.attempts,
          runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : '',
          warnings: lhr.runWarnings || [],
        });
        process.stderr.write(`lighthouse ${preset} ${url}: ${categories.map(c => `${c} ${scores[c]}`).join(', ')}\n`);
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({runs}) + '\n');
}

main().catch(err => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
