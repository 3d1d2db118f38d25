// Package phone reads the shipped build in chromium as a reader on a phone
// does: nothing scrolls sideways at 320 px, the text and the first
// search result are on the first screen, charts are legible, the search
// filters fold, the header search box shows its whole placeholder.
// qa/phonepages holds qa/a11y's checks at 375 px. Its tests are listed in
// qa/doc.go.
package phone
