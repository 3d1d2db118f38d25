// Package a11y opens every checked page of the shipped build in chromium
// at 1280 px in both colour schemes, and requires no axe-core violation,
// console error, CSP violation, failed request or sideways scroll
// (qa/phonepages does the same at 375 px). Its tests are listed in qa/doc.go.
package a11y
