// Package output holds a built site in memory and writes it to a folder.
//
// A build produces Files, a map from slash-separated paths ("years/2013/index.html")
// to their bytes. Write replaces a folder with exactly those files, atomically
// as far as the file system allows: the new tree is written beside the old
// one and swapped in by rename, so a failed or interrupted write leaves the
// previous site in place and a successful one leaves no stale file behind.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Files is a built site: path → content.
type Files map[string][]byte

// Paths returns every path, sorted.
func (f Files) Paths() []string {
	p := make([]string, 0, len(f))
	for k := range f {
		p = append(p, k)
	}
	sort.Strings(p)
	return p
}

// Size returns the total number of bytes.
func (f Files) Size() int64 {
	var n int64
	for _, b := range f {
		n += int64(len(b))
	}
	return n
}

// ValidPath reports whether p is safe to write below an output folder: relative,
// clean, slash-separated, without "..", and not empty.
func ValidPath(p string) bool {
	return p != "" && fs.ValidPath(p) && p != "." && !strings.Contains(p, "\\")
}

// Write makes dir hold exactly files. The tree is written to a temporary
// sibling folder first; only when every file is written is the old folder
// moved aside and the new one renamed into place.
func Write(dir string, files Files) error {
	for p := range files {
		if !ValidPath(p) {
			return fmt.Errorf("output: refusing to write %q outside %s", p, dir)
		}
	}
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("output: %s exists and is not a folder", dir)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := writeTree(tmp, files); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("output: cannot move the previous %s aside: %w", dir, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			// Put the previous site back: a failed swap must not lose it.
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("output: cannot move the new site into %s: %w", dir, err)
	}
	ok = true
	if old != "" {
		if err := removeTree(old); err != nil {
			return fmt.Errorf("output: new site written, but the previous one could not be removed from %s: %w", old, err)
		}
	}
	return nil
}

// writers is how many files are written or removed at once: one per CPU.
// Creating a file costs CPU time in the kernel; on this project's 2-core
// ext4 machine more writers than CPUs only made them contend for it (and on
// tmpfs two writers halve the time one takes).
func writers() int { return max(1, runtime.GOMAXPROCS(0)) }

// writeTree writes files below dir: the folders first, level by level,
// then the files, each step on several goroutines. It returns the first
// error in path order.
func writeTree(dir string, files Files) error {
	paths := files.Paths()
	var levels [][]string // folders by depth
	made := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !made[d]; d = path.Dir(d) {
			made[d] = true
			depth := strings.Count(d, "/")
			for len(levels) <= depth {
				levels = append(levels, nil)
			}
			levels[depth] = append(levels[depth], d)
		}
	}
	for _, level := range levels {
		err := parallel(len(level), func(i int) error {
			return os.Mkdir(filepath.Join(dir, filepath.FromSlash(level[i])), 0o755)
		})
		if err != nil {
			return err
		}
	}
	return parallel(len(paths), func(i int) error {
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(paths[i])), files[paths[i]], 0o644)
	})
}

// parallel calls fn(0) ... fn(n-1) on several goroutines and returns the
// error of the lowest i that failed. After a failure it starts no more
// calls: what was written is discarded anyway.
func parallel(n int, fn func(i int) error) error {
	errs := make([]error, n)
	var failed atomic.Bool
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(writers(), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					errs[i] = err
					failed.Store(true)
				}
			}
		}()
	}
	for i := range n {
		if failed.Load() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return firstError(errs)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// removeTree is os.RemoveAll, with the entries directly inside dir
// removed in parallel.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	// Not parallel's early stop: remove as much as possible.
	errs := make([]error, len(entries))
	_ = parallel(len(entries), func(i int) error {
		errs[i] = os.RemoveAll(filepath.Join(dir, entries[i].Name()))
		return nil
	})
	if err := firstError(errs); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}
