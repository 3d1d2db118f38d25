// Package a11y opens every checked page of the shipped build in chromium,
// at two widths in both colour schemes, and requires no axe-core violation,
// console error, CSP violation, failed request or sideways scroll. Its
// tests are listed in qa/doc.go.
package a11y
