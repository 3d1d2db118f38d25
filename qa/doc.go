// Package qa holds the tests that hold the published site to its quality
// bars (DESIGN.md §5). It has no code of its own besides this
// comment: everything is in its tests, which build the shipped archive
// (content/) with generator.Build, serve it in memory on 127.0.0.1 with the
// response headers that netlify.toml sets, and check it with the tools
// practitioners trust:
//
//	TestHTMLValid            Nu HTML Checker (vnu.jar, Java) on every page of the build: 0 errors
//	TestBrowserPages         in Debian's chromium via chromedp, at 375 and 1280 px, light and dark:
//	                         axe-core (WCAG 2.0/2.1 A and AA: 0 violations), no console error,
//	                         no CSP violation, no failed request, no horizontal scroll;
//	                         screenshots saved to qa/screenshots/ (git-ignored)
//	TestNarrowestWidth       no page scrolls sideways at 320 px
//	TestKeyboard             Tab reaches every focusable element in document order, each with a
//	                         visible focus ring; the skip link is first and moves focus to <main>
//	TestLighthouse           Lighthouse, mobile preset: 100 accessibility, best practices,
//	                         SEO; the performance inputs that do not depend on the machine
//	                         within budget (bytes, requests, only the site's stylesheets
//	                         render-blocking, layout shift, DOM size, script bytes, the site's
//	                         script time scaled by Lighthouse's benchmarkIndex)
//	BenchmarkLighthouse      the performance scores themselves, mobile with the CPU slowdown
//	                         calibrated from benchmarkIndex: go test -run '^$' -bench Lighthouse ./qa
//	TestEventStructuredData  schema.org Event JSON-LD on every event page
//	TestMetaTags             canonical, Open Graph, Twitter card, lang
//	TestCalendar             /calendar.ics and each event's .ics, parsed with golang-ical, plus
//	                         RFC 5545 line rules (CRLF, folding at 75 octets)
//	TestAtomFeed, TestSitemap, TestRobots
//
// The pages checked in the browser are the home page, an event page, a year
// index, a region index, a kind index, page 2 of a paginated index (the qa
// build uses pages of 4 events, qaPageSize, so that the shipped archive has
// some), the search page with a query (when the theme has one), the about
// page and the 404 page.
//
// The npm tools are pinned in tools/sitecheck/package-lock.json; install them
// with
//
//	cd tools/sitecheck && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts
//
// QA_PAGES=search,home limits the browser and Lighthouse checks to those
// pages in a local run (not under CI).
//
// A test whose tool (chromium, java, node, tools/sitecheck/node_modules) is
// missing is skipped, except under CI=true, where it fails; the package then
// prints one line naming the skipped checks and how to install their tools
// (internal/browsertest.Main). .ci/run installs them all. Set CHROME_PATH to use another chromium than /usr/bin/chromium.
package qa
