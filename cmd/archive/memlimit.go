package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
)

// Memory budget of a build. The pages are written as they are made, but
// the model (every body's rendering) and the search index being built are
// held in memory, so, left to itself, the garbage collector lets the heap
// grow to twice that before it collects. A soft limit makes it collect sooner instead: it scales with
// the content, so that a big archive makes the collector work a little
// more, never all the time. GOMEMLIMIT, when set, overrides it.
const (
	minMemoryLimit = 384 << 20 // bytes
	memoryPerFile  = 40 << 10  // bytes per file of the content folder
	envMemoryLimit = "GOMEMLIMIT"
)

// limitMemory sets the soft memory limit for building the content folder
// dir; it returns the limit, or -1 when GOMEMLIMIT decides.
func limitMemory(dir string) int64 {
	if os.Getenv(envMemoryLimit) != "" {
		return -1
	}
	files := 0
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	limit := max(int64(minMemoryLimit), int64(files)*memoryPerFile)
	debug.SetMemoryLimit(limit)
	return limit
}
