// Package phone reads the shipped build in chromium as a reader on a phone
// does: every checked page at 375 px passes the checks qa/a11y makes at
// 1280 px, nothing scrolls sideways at 320 px, the text and the first
// search result are on the first screen, charts are legible, the search
// filters fold, the header search box shows its whole placeholder. Its
// tests are listed in qa/doc.go.
package phone
