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
	"sort"
	"strings"
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
	made := map[string]bool{}
	for _, p := range files.Paths() {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if d := path.Dir(p); d != "." && !made[d] {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return err
		}
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
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: new site written, but the previous one could not be removed from %s: %w", old, err)
		}
	}
	return nil
}
