// Package qa holds, in its sub-packages, the tests that hold the published
// site to its quality bars (DESIGN.md §5). It has no code of its own
// besides this comment. Each sub-package is a test binary of its own, and
// each builds the shipped archive (content/) with generator.Build, serves
// it in memory on 127.0.0.1 with the response headers that netlify.toml
// sets, and checks it with the tools practitioners trust. Their shared
// harness (the build, the server, the checked pages, the tool lookup, the
// browser helpers) is internal/qasite.
//
// qa/html: the built files, without a browser (about 1 minute)
//
//	TestHTMLValid            Nu HTML Checker (vnu.jar, Java) on every page of the build: 0 errors
//	TestEventStructuredData  schema.org Event JSON-LD on every event page
//	TestMetaTags             canonical, Open Graph, Twitter card, lang, on every page
//	TestCalendar             /calendar.ics and each event's .ics, parsed with golang-ical, plus
//	                         RFC 5545 line rules (CRLF, folding at 75 octets)
//	TestAtomFeed, TestSitemap, TestRobots
//	TestCheckedPagesExist    the checked pages answer with their status and netlify.toml's CSP
//	TestNetlifyHeaders, TestAttachmentHeaders
//	                         the published headers (CSP, caching, types; attachments sandboxed)
//
// qa/a11y: every checked page in Debian's chromium via chromedp
//
//	TestBrowserPages         at 1280 px, light and dark: axe-core (WCAG 2.0/2.1 A and AA:
//	                         0 violations; in dark, the colour rules, all a scheme may change),
//	                         no console error, no CSP violation, no failed request, no
//	                         horizontal scroll; a failing page's screenshot (every page's with
//	                         QA_SCREENSHOTS=1) saved to qa/a11y/screenshots/ (git-ignored)
//	TestHarnessCatchesProblems  the browser checks report the faults they exist to find
//
// qa/keyboard
//
//	TestKeyboard             on every checked page at both widths (and on one page per layout
//	                         in the dark scheme too), Tab reaches every focusable element in
//	                         document order, each with a visible focus ring; the skip link is
//	                         first and moves focus to <main>
//	TestHeaderSearchLabelled the header's search box says what it is, at 4.5:1, at every width
//
// qa/phonepages
//
//	TestPhonePages           TestBrowserPages at 375 px (the same function, qasite.CheckPages)
//
// qa/phone: the site as read on a phone
//
//	TestNarrowestWidth       no checked page scrolls sideways at 320 px
//	TestEventTextFirst       on every event page, the summary and text come first on a 375×667
//	                         screen, beside the details box at 1280 px
//	TestHeaderPlaceholderFits  the header search box's placeholder shows whole at 320 and 375 px,
//	                         on the home page of every language
//	TestChartLabelsLegible, TestSearchFirstResultOnPhone, TestSearchFiltersControl
//	                         screenshots saved to qa/phone/screenshots/ (git-ignored)
//
// qa/lighthouse
//
//	TestLighthouse           Lighthouse, mobile preset, on one checked page per layout (below):
//	                         100 accessibility, best practices, SEO; the performance inputs that
//	                         do not depend on the machine within budget (bytes, requests, only
//	                         the site's stylesheets render-blocking, layout shift, DOM size,
//	                         script bytes)
//	BenchmarkLighthouse      the performance scores of every checked page, mobile (with the CPU
//	                         slowdown calibrated from benchmarkIndex) and desktop, and the
//	                         main-thread time of the site's scripts, which follows the load:
//	                         go test -run '^$' -bench Lighthouse ./qa/lighthouse
//
// The pages checked in the browser (qasite.Site.CheckedPages) are the home
// page, an event page, the page of an upcoming event (a fixture added to
// the build), a year index, a region index, a kind index, page 2 of a
// paginated index (the qa build uses pages of 4 events, qasite.PageSize,
// so that the shipped archive has some), the search page with a query
// (when the theme has one), the follow page, the about page and the 404
// page.
//
// # Why the checks are split, and what Lighthouse measures
//
// go test gives each test binary 10 minutes, and the go command kills a
// binary a minute after that, whatever the binary does. Run as one
// package, these checks took 8 minutes on an idle machine and ran out of
// time on a loaded one, with the list of checked pages about to grow (the
// French and Spanish pages, organizations and topics). As separate
// packages, each stays well under the limit with room for that list to
// double: the cost of qa/a11y, qa/phonepages, qa/keyboard and qa/phone
// grows with the checked pages (qa/phone's also with the event pages), that
// of qa/html with the pages of the build. The axe, console and CSP checks
// of every checked page at both widths, the largest of the checks, are
// split by width between qa/a11y (1280 px) and qa/phonepages (375 px) for
// that reason, apart from qa/phone's layout checks: together they took
// 528 s of the 600 on a machine loaded fifteen times over. .ci/run runs them one at a time (go test -p 1
// ./qa/...), after the other packages, so that no two load the two cores
// at once.
//
// A Lighthouse run of one page costs 10 to 20 s on a loaded two-core
// machine, and its package would grow with the list of checked pages like
// the others; TestLighthouse measures one checked page per layout, the
// largest (qasite.Site.OnePerLayout), instead of every checked page, so
// that it grows only with the layouts. The layout is what
// the page's <body class="layout-…"> names: the template the page is
// rendered with (home, event, list, search, follow, page, 404 with the
// default theme; the year, region and kind indexes and their later pages
// share list). What TestLighthouse asserts depends on that template and
// not on which records fill it: the same elements, stylesheets and
// scripts, landmarks and metadata; and of the pages of one layout the
// largest is the one where the budgets of bytes and DOM size bite first.
// Each layout is still measured, a new layout (a page the list gains) gets
// its own run, and a page whose layout cannot be read is measured on its
// own. What Lighthouse's accessibility, best-practices and SEO audits look
// at is checked on every checked page besides: axe-core's rules, which are
// Lighthouse's accessibility audits, and the console, CSP and failed
// request checks in qa/a11y and qa/phone; the title, description,
// canonical, lang and robots of every page of the build in qa/html.
// BenchmarkLighthouse still measures every checked page, in both presets.
//
// # Tools
//
// The npm tools are pinned in tools/sitecheck/package-lock.json; install them
// with
//
//	cd tools/sitecheck && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts
//
// QA_PAGES=search,home limits the browser and Lighthouse checks to those
// pages in a local run (not under CI). go test -short ./qa/... leaves out
// Lighthouse.
//
// A test whose tool (chromium, java, node, tools/sitecheck/node_modules) is
// missing is skipped, except under CI=true, where it fails; each package
// then prints one line naming the skipped checks and how to install their
// tools (internal/browsertest.Main). .ci/run installs them all. Set
// CHROME_PATH to use another chromium than /usr/bin/chromium.
package qa
