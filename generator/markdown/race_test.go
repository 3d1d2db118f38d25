//go:build race

package markdown

// raceEnabled: the race detector drops a quarter of what is put back in a
// sync.Pool, and regexp2 pools its matchers, so that highlighting
// allocates about four times as much.
const raceEnabled = true
