// Package output writes a built site to a folder, or holds it in memory.
//
// A build produces files, slash-separated paths ("years/2013/index.html")
// with their bytes, and Copies, the files copied as they are from a source
// file system (bundle attachments, which may be large): each is read only
// when it is written or served, through a small buffer. Write replaces a
// folder with exactly those files. Because
// replacing a folder deletes what it held, Write first makes sure the folder
// is one it may replace, and it never leaves a moment without a complete
// site in place. Files holds a whole site in memory, for Write; a Stage
// takes the files one by one as a build makes them (Sink), writes each
// into the new tree at once and keeps none, and swaps the tree in on
// Commit with the same checks, lock and swap as Write.
//
// # Which folders Write replaces
//
// The output folder may be absent, empty (but for the files file browsers
// leave: .DS_Store, Thumbs.db, desktop.ini), or a folder that archive wrote
// before. It may never be, contain or lie inside a folder the caller
// protects (the content and theme folders), never be the root of the file
// system or a symbolic link, and never be or contain a folder holding .git
// or go.mod (a repository or a Go module: the site's own source). Lying
// inside a repository is fine: public/ at a repository's root is the normal
// layout. Paths are made absolute and compared both as text, with symbolic
// links resolved in their existing part, and as file identities (os.SameFile
// on every ancestor), so neither "s/../s", a linked path nor a
// case-insensitive file system dodges the rules. Anything else is a
// *TargetError naming the folder, returned before anything is touched.
//
// # How Write knows a folder is its own
//
// A marker inside the folder would be published with the site, so the
// record is kept beside it, in a hidden folder named after it: public/ has
// .public.archive/, which holds the lock, the record and the trees being
// swapped. The record lists the folder archive last put in place by its
// file identity (the inode; the file index on Windows) and its top-level
// names. An existing folder is archive's only if its identity is one the
// record lists and every top-level name in it is one archive wrote there.
// So a record left behind after public/ was deleted and remade by hand does
// not vouch for the new folder (a new folder is a new inode; and even where
// the file system reuses the number, its names must match too), and a file
// dropped into public/ is reported instead of silently lost.
//
// A public/ built before records existed has none, and is refused with a
// message to delete it once. Recognizing an old build by what it holds
// (index.html, assets/) was rejected: any static site, or a hand-made
// folder, looks like that, and a guess that is wrong deletes someone's
// files. Netlify builds a fresh clone, where public/ is absent.
//
// # Locking and the swap
//
// Builds into one folder are serialized by a lock on .public.archive/lock
// (a Stage holds it from the first file written to the swap):
// flock(2) on Linux, macOS and the BSDs, LockFileEx on Windows (both are
// released by the kernel when a process dies, so a killed build leaves no
// stale lock); elsewhere a lock file created with O_EXCL, which a killed
// build leaves behind and the next one reports. A second build waits for
// the first, telling its caller once, until its context is cancelled.
//
// Under the lock, Write removes what killed builds left (trees under
// .public.archive/, and the .public.new-N and .public.new-N.old folders of
// versions before it), writes the new tree into .public.archive/new-N,
// records it, and swaps it in. On Linux the swap is one renameat2 call
// with RENAME_EXCHANGE (renamex_np with RENAME_SWAP on macOS): public/
// always names a complete site, old or new, and the old tree is then
// removed from the temporary name. Where the system or the file system
// has no exchange (Windows, or a file system answering EINVAL or ENOSYS),
// Write falls back to two renames, public/ to .public.archive/old-N and the
// new tree to public/; between the two there is no public/. A build killed
// in that window leaves the previous site in old-N, and the next build puts
// it back before doing anything else. The record lists both trees while
// both may be in place, so whichever one a kill leaves is still
// recognized.
package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Files is a built site: path → content.
type Files map[string][]byte

// Paths returns every path, sorted.
func (f Files) Paths() []string {
	p := make([]string, 0, len(f))
	for k := range f {
		p = append(p, k)
	}
	slices.Sort(p)
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

// Pages returns how many of the files are HTML pages, the count that
// archive build and the preview report.
func (f Files) Pages() int {
	n := 0
	for p := range f {
		if strings.HasSuffix(p, ".html") {
			n++
		}
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
	slices.Sort(p)
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

// Write makes dir hold exactly files and copies: Options{}.Write with a
// context that is never cancelled.
func Write(dir string, files Files, copies Copies) error {
	return Options{}.Write(context.Background(), dir, files, copies)
}

// Write makes dir hold exactly files and copies, after checking that dir
// is a folder it may replace (see the package comment). The tree is
// written to a temporary folder first; only when every file is written is
// it swapped with the old folder, so a failed write leaves the previous
// site in place. Every path is checked before anything is touched.
func (o Options) Write(ctx context.Context, dir string, files Files, copies Copies) error {
	for p := range files {
		if err := checkPath(p, dir); err != nil {
			return err
		}
	}
	for p := range copies {
		if err := checkPath(p, dir); err != nil {
			return err
		}
		if _, ok := files[p]; ok {
			return fmt.Errorf("output: %q is both a generated file and a copy of %s", p, copies[p].source())
		}
	}
	s, err := o.Stage(ctx, dir)
	if err != nil {
		return err
	}
	defer s.Abort()
	if err := writeTree(s.tmp, files, copies); err != nil {
		return err
	}
	return s.finish(topNames(files, copies))
}

// checkPath returns why p may not be written below the output folder
// dir, or nil.
func checkPath(p, dir string) error {
	if !ValidPath(p) {
		return fmt.Errorf("output: refusing to write %q outside %s", p, dir)
	}
	if name, ok := repositoryName(p); ok {
		return fmt.Errorf("output: refusing to write %q: an output folder never holds %s, which marks a repository or a Go module", p, name)
	}
	return nil
}

// swap puts the tree at tmp in place at the output folder and returns
// where the previous tree now is ("" when there was none).
func (t *target) swap(tmp string, existed bool) (string, error) {
	if !existed {
		if err := step("into", func() error { return os.Rename(tmp, t.dir) }); err != nil {
			return "", fmt.Errorf("output: cannot move the new site into %s: %w", t.given, err)
		}
		return "", nil
	}
	err := step("exchange", func() error { return exchange(tmp, t.dir) })
	if err == nil {
		return tmp, nil
	}
	if !exchangeUnsupported(err) {
		return "", fmt.Errorf("output: cannot swap the new site into %s: %w", t.given, err)
	}
	old := filepath.Join(t.state, "old-"+strings.TrimPrefix(filepath.Base(tmp), "new-"))
	if err := step("aside", func() error { return os.Rename(t.dir, old) }); err != nil {
		return "", fmt.Errorf("output: cannot move the previous %s aside: %w", t.given, err)
	}
	if err := step("into", func() error { return os.Rename(tmp, t.dir) }); err != nil {
		// Put the previous site back: a failed swap must not lose it.
		_ = os.Rename(old, t.dir)
		return "", fmt.Errorf("output: cannot move the new site into %s: %w", t.given, err)
	}
	return old, nil
}

// topNames returns the first element of every path, sorted, without
// repeats: what the output folder holds at its top.
func topNames(files Files, copies Copies) []string {
	seen := map[string]bool{}
	var names []string
	add := func(p string) {
		top, _, _ := strings.Cut(p, "/")
		if !seen[top] {
			seen[top] = true
			names = append(names, top)
		}
	}
	for p := range files {
		add(p)
	}
	for p := range copies {
		add(p)
	}
	slices.Sort(names)
	return names
}

// repositoryName reports whether a path has an element that marks a
// repository (.git) or a Go module (go.mod). Write never writes one, so
// that finding one in an output folder proves the folder is not only a
// site.
func repositoryName(p string) (string, bool) {
	for _, e := range strings.Split(p, "/") {
		if e == ".git" || e == "go.mod" {
			return e, true
		}
	}
	return "", false
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
	slices.Sort(paths)
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

// parallel calls fn(0) ... fn(n-1), writers() at a time, and returns the
// error of the lowest i that failed (not the first to fail, so that the
// message does not depend on timing). After a failure it starts no more
// calls: what was written is discarded anyway.
func parallel(n int, fn func(i int) error) error {
	errs := make([]error, n)
	g, failed := errgroup.WithContext(context.Background())
	g.SetLimit(writers())
	for i := range n {
		if failed.Err() != nil {
			break
		}
		g.Go(func() error {
			errs[i] = fn(i)
			return errs[i]
		})
	}
	_ = g.Wait() // the lowest failure is in errs
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
