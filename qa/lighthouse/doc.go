// Package lighthouse runs Lighthouse on the shipped build: TestLighthouse
// on one checked page per layout, BenchmarkLighthouse on every checked
// page. qa/doc.go says why, and lists what each asserts.
package lighthouse
