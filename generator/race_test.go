//go:build race

package generator_test

// raceEnabled: the race detector slows builds down several times; tests
// that build whole synthetic archives build smaller ones under it.
const raceEnabled = true
