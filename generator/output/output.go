// Package output holds a built site in memory and writes it to a folder.
//
// A build produces Files, a map from slash-separated paths ("years/2013/index.html")
// to their bytes, and Copies, the files copied as they are from a source
// file system (bundle attachments, which may be large): each is read only
// when it is written or served, through a small buffer. Write replaces a
// folder with exactly those files, atomically as far as the file system
// allows: the new tree is written beside the old one and swapped in by
// rename, so a failed or interrupted write leaves the previous site in
// place and a successful one leaves no stale file behind.
package output

import (
	"errors"
	"fmt"
	"io"
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

// Copy is a file of the site copied from a source file system rather than
// held in memory. It was checked when the site was built; Open makes sure
// it is still the file that was checked, as far as its type and size tell.
type Copy struct {
	FS     fs.FS  // the source, e.g. the content folder
	Name   string // the file's path in FS
	Size   int64  // its size in bytes when it was checked
	Source string // the file as its author knows it ("content/…/report.pdf"), for messages; Name when ""
}

// Copies is the copied files of a site: output path → source.
type Copies map[string]Copy

// Paths returns every output path, sorted.
func (c Copies) Paths() []string {
	p := make([]string, 0, len(c))
	for k := range c {
		p = append(p, k)
	}
	sort.Strings(p)
	return p
}

// Size returns the total number of bytes.
func (c Copies) Size() int64 {
	var n int64
	for _, f := range c {
		n += f.Size
	}
	return n
}

func (c Copy) source() string {
	if c.Source != "" {
		return c.Source
	}
	return c.Name
}

// Open opens the source for reading. It refuses a file that is no longer
// a regular file of Size bytes: between the check of a file's content and
// its copy, nothing else (a link swapped in, a file replaced) may be
// published in its place. The name is looked up without following a
// final symbolic link where FS can tell (fs.ReadLinkFS); an os.Root's FS
// never resolves a path outside its folder.
func (c Copy) Open() (fs.File, error) {
	if st, err := fs.Lstat(c.FS, c.Name); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s was removed after it was checked; run the command again", c.source())
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", c.source(), unwrapPath(err))
	} else if err := c.same(st); err != nil {
		return nil, err
	}
	f, err := c.FS.Open(c.Name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.source(), unwrapPath(err))
	}
	st, err := f.Stat()
	if err == nil {
		err = c.same(st)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// same checks that st is still a regular file of the size checked.
func (c Copy) same(st fs.FileInfo) error {
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is no longer a regular file (it became a link, a folder or a device after it was checked); nothing was copied: run the command again", c.source())
	}
	if st.Size() != c.Size {
		return fmt.Errorf("%s changed after it was checked (%d bytes then, %d now); nothing was copied: run the command again", c.source(), c.Size, st.Size())
	}
	return nil
}

// writeCopy copies c into the new file dst, through a bounded buffer (or
// by the kernel, file to file), and fails unless exactly Size bytes came.
func writeCopy(dst string, c Copy) error {
	src, err := c.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(src, c.Size+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copying %s: %w", c.source(), err)
	}
	if n != c.Size {
		return fmt.Errorf("%s changed while it was copied (%d bytes when checked, %d read); run the command again", c.source(), c.Size, n)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ValidPath reports whether p is safe to write below an output folder: relative,
// clean, slash-separated, without "..", and not empty.
func ValidPath(p string) bool {
	return p != "" && fs.ValidPath(p) && p != "." && !strings.Contains(p, "\\")
}

// Write makes dir hold exactly files and copies. The tree is written to a
// temporary sibling folder first; only when every file is written is the
// old folder moved aside and the new one renamed into place.
func Write(dir string, files Files, copies Copies) error {
	for p := range files {
		if !ValidPath(p) {
			return fmt.Errorf("output: refusing to write %q outside %s", p, dir)
		}
	}
	for p := range copies {
		if !ValidPath(p) {
			return fmt.Errorf("output: refusing to write %q outside %s", p, dir)
		}
		if _, ok := files[p]; ok {
			return fmt.Errorf("output: %q is both a generated file and a copy of %s", p, copies[p].source())
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
	if err := writeTree(tmp, files, copies); err != nil {
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

// writeTree writes files and copies below dir: the folders first, level
// by level, then the files, each step on several goroutines. It returns
// the first error in path order.
func writeTree(dir string, files Files, copies Copies) error {
	paths := append(files.Paths(), copies.Paths()...)
	sort.Strings(paths)
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
		dst := filepath.Join(dir, filepath.FromSlash(paths[i]))
		if c, ok := copies[paths[i]]; ok {
			return writeCopy(dst, c)
		}
		return os.WriteFile(dst, files[paths[i]], 0o644)
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
