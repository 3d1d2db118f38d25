// Runs Lighthouse on a list of URLs with the mobile and desktop presets, in
// one Chromium (CHROME_PATH, Debian's /usr/bin/chromium by default), and
// prints one JSON report to stdout:
//
//   {"runs": [{"url", "preset", "scores": {"performance": 100, ...},
//              "failing": [{"id", "category", "score", "title", "displayValue"}]}]}
//
// Usage: node lighthouse.mjs [--preset mobile,desktop] [--calibrate] URL...
//
// Each run also reports the inputs of the performance score that do not
// depend on how fast or busy the machine is ("inputs": bytes, requests,
// the render-blocking resources, layout shift, DOM size, script bytes) and
// the main-thread time of the site's own scripts in the observed load,
// scaled to a reference machine by Lighthouse's own benchmarkIndex
// ("ownScriptMs").
//
// --calibrate sets the mobile preset's CPU slowdown from this machine's
// benchmarkIndex, as Lighthouse's throttling documentation advises, instead
// of the fixed 4x that assumes a fast desktop: on a slow or busy machine a
// fixed 4x simulates a phone several times slower than the one intended.
//
// The Go tests in qa/lighthouse run it against the built site served on
// 127.0.0.1 and judge the inputs and the non-performance scores; the Go
// benchmark BenchmarkLighthouse reports the performance scores. This script
// only measures.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

function parseArgs(argv) {
  const out = {presets: ['mobile', 'desktop'], calibrate: false, urls: []};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--calibrate') {
      out.calibrate = true;
    } else if (argv[i] === '--preset') {
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

// referenceIndex is the benchmarkIndex the scaled script times are
// expressed for: Lighthouse's own threshold for a host fast enough for its
// default throttling.
const referenceIndex = 1000;

// slowdownFor returns the mobile CPU slowdown for a host of the given
// benchmarkIndex. Lighthouse's calibration table puts 3x at an index of
// 1300 and adds 1x for every 233 above it; below 1300 the slowdown shrinks
// in proportion to the index (a host half as fast needs half the slowdown
// to simulate the same phone), never under 1x.
function slowdownFor(index) {
  if (!Number.isFinite(index) || index <= 0) return 4;
  const m = index >= 1300 ? 3 + (index - 1300) / 233 : 3 * index / 1300;
  return Math.round(Math.max(1, m) * 100) / 100;
}

// inputs extracts what the performance score is made of that does not
// depend on the machine's speed.
function inputs(lhr) {
  const a = id => lhr.audits[id] || {};
  const items = id => a(id).details?.items || [];
  const origin = new URL(lhr.finalDisplayedUrl || lhr.requestedUrl).origin;
  const own = url => {
    try { return new URL(url).origin === origin; } catch { return false; }
  };
  const script = items('resource-summary').find(r => r.resourceType === 'script');
  const index = lhr.environment?.benchmarkIndex || 0;
  // bootup-time gives each script's main-thread time multiplied by the
  // simulated CPU slowdown; dividing it out gives the time it took here,
  // which the benchmarkIndex then scales to the reference machine. Only the
  // site's own scripts count: the browser's own work on a busy machine is
  // not the page's.
  const slowdown = lhr.configSettings?.throttlingMethod === 'simulate' ? (lhr.configSettings.throttling?.cpuSlowdownMultiplier || 1) : 1;
  let ownScriptMs = 0;
  for (const it of items('bootup-time')) {
    if (own(it.url)) ownScriptMs = Math.max(ownScriptMs, ((it.scripting || 0) + (it.scriptParseCompile || 0)) / slowdown);
  }
  return {
    bytes: Math.round(a('total-byte-weight').numericValue || 0),
    requests: items('network-requests').length,
    renderBlocking: items('render-blocking-resources').map(it => it.url),
    cls: a('cumulative-layout-shift').numericValue || 0,
    domSize: Math.round(a('dom-size').numericValue || 0),
    scriptBytes: script ? script.transferSize : 0,
    benchmarkIndex: Math.round(index),
    ownScriptMs: index > 0 ? Math.round(ownScriptMs * index / referenceIndex) : 0,
  };
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
async function measure(browser, url, preset, slowdown) {
  let result;
  for (let attempt = 1; ; attempt++) {
    // The full-page screenshot only illustrates the HTML report, which
    // nobody reads here (qa/ saves its own screenshots).
    const flags = {port: browser.port, output: 'json', logLevel: 'error', onlyCategories: categories, disableFullPageScreenshot: true};
    let config = preset === 'desktop' ? desktopConfig : undefined;
    if (preset === 'mobile' && slowdown) {
      config = {extends: 'lighthouse:default', settings: {throttling: {cpuSlowdownMultiplier: slowdown}}};
    }
    result = await lighthouse(url, flags, config);
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
  const {presets, calibrate, urls} = parseArgs(process.argv.slice(2));
  let browser = await launch();
  const runs = [];
  let slowdown = 0;
  try {
    if (calibrate) {
      // One desktop run (no CPU throttling) of the first page measures the
      // host; the mobile runs then use the slowdown it calls for.
      let result;
      ({browser, result} = await measure(browser, urls[0], 'desktop', 0));
      slowdown = slowdownFor(result.lhr.environment?.benchmarkIndex);
      process.stderr.write(`lighthouse: benchmarkIndex ${Math.round(result.lhr.environment?.benchmarkIndex)}, mobile CPU slowdown ${slowdown}x\n`);
    }
    for (const preset of presets) {
      for (const url of urls) {
        let result;
        ({browser, result} = await measure(browser, url, preset, slowdown));
        const lhr = result.lhr;
        const scores = {};
        for (const id of categories) {
          const s = lhr.categories[id]?.score;
          scores[id] = s === null || s === undefined ? -1 : Math.round(s * 100);
        }
        runs.push({
          url, preset, scores, failing: failing(lhr), attempts: result.attempts, inputs: inputs(lhr),
          cpuSlowdown: preset === 'mobile' ? (slowdown || 4) : 1,
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
