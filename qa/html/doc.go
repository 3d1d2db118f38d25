// Package html checks the files of the shipped build without a browser:
// the Nu HTML Checker on every page, the metadata, JSON-LD, calendars,
// feed, sitemap and robots.txt, and the headers netlify.toml publishes.
// Its tests are listed in qa/doc.go.
package html
