// Package keyboard walks every checked page of the shipped build with the
// Tab key in chromium: document order, visible focus rings, the skip link.
// Its tests are listed in qa/doc.go.
package keyboard
