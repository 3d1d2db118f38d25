package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// A Sink receives the files of a site one by one, as a build makes them,
// instead of the whole site at the end: a Stage writes each to disk and
// lets go of it. Put may be called from several goroutines at once; it
// does not keep data, nor change it, after it returns.
type Sink interface {
	Put(path string, data []byte) error
}

// Stage is a site being written into an output folder file by file, as it
// is built: the new tree of Write, made before the files are known.
// Options.Stage checks the folder and takes its lock, Put writes files
// into the new tree, and Commit adds the copies and swaps the tree in,
// with every rule of Write (see the package comment). Until Commit
// succeeds the output folder is untouched; Abort removes the tree and
// releases the lock, so a build that fails midway leaves the previous
// site as it was and nothing staged behind. The lock is held from Stage
// to Commit or Abort: a second build waits for the whole of the first.
type Stage struct {
	ctx    context.Context
	t      *target
	found  found
	tmp    string // the new tree, below the state folder
	unlock func()

	mu       sync.Mutex
	made     map[string]bool // folders of the tree made so far (slash paths)
	tops     map[string]bool // the tree's top-level names
	files    int
	pages    int
	size     int64
	failed   error // the first Put that failed: the tree is not the whole site
	closed   bool  // after Commit or Abort
	swapped  bool  // the tree is in place: Abort leaves it
	released bool
}

// Stage checks that dir is a folder it may replace, takes its lock
// (waiting for another build as Write does, until ctx is done), removes
// what interrupted builds left and makes the empty tree that Put writes
// into. The caller must call Commit or Abort.
func (o Options) Stage(ctx context.Context, dir string) (*Stage, error) {
	t, err := o.target(dir)
	if err != nil {
		return nil, err
	}
	if _, err := t.inspect(false); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(t.state, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: cannot make %s for its lock and record: %w", dir, t.state, err)
	}
	if st, err := os.Lstat(t.state); err != nil || !st.IsDir() {
		// A link would put the trees on another file system, or
		// somewhere else entirely.
		return nil, fmt.Errorf("output folder %s: %s must be a folder (not a link) that holds its lock and record", dir, t.state)
	}
	unlock, err := lock(ctx, filepath.Join(t.state, "lock"), o.Waiting)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	s := &Stage{ctx: ctx, t: t, unlock: unlock, made: map[string]bool{".": true}, tops: map[string]bool{}}
	if err := t.clean(); err != nil {
		s.release()
		return nil, fmt.Errorf("output folder %s: removing what an interrupted build left: %w", dir, err)
	}
	// Again, under the lock: another build or a person may have changed
	// the folder since the check above.
	if s.found, err = t.inspect(true); err != nil {
		s.release()
		return nil, err
	}
	if s.tmp, err = os.MkdirTemp(t.state, "new-"); err != nil {
		s.release()
		return nil, err
	}
	if err := os.Chmod(s.tmp, 0o755); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
}

// Put writes the file p of the site into the new tree. After a Put fails,
// Commit refuses the tree, which lacks that file.
func (s *Stage) Put(p string, data []byte) (err error) {
	defer func() {
		if err != nil {
			s.mu.Lock()
			if s.failed == nil {
				s.failed = err
			}
			s.mu.Unlock()
		}
	}()
	if err := checkPath(p, s.t.given); err != nil {
		return err
	}
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return fmt.Errorf("output: %q is put after the site was committed or given up", p)
	}
	if err := s.mkdirs(path.Dir(p)); err != nil {
		return err
	}
	if err := s.create(p, func(dst string) error { return writeNew(dst, data) }); err != nil {
		return err
	}
	s.mu.Lock()
	s.files++
	if strings.HasSuffix(p, ".html") {
		s.pages++
	}
	s.size += int64(len(data))
	s.mu.Unlock()
	return nil
}

// Written returns what Put and Commit have written: HTML pages, files
// (pages and copies included) and bytes, as archive build reports them.
func (s *Stage) Written() (pages, files int, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pages, s.files, s.size
}

// Commit copies copies into the new tree and puts the tree in place of
// the output folder; after it, Abort does nothing. It refuses a tree one
// of whose Puts failed. On an error the
// output folder holds the previous site and the tree is removed, as by
// Abort. A cancelled ctx stops it before the swap.
func (s *Stage) Commit(copies Copies) error {
	defer s.Abort()
	s.mu.Lock()
	failed, closed := s.failed, s.closed
	s.mu.Unlock()
	switch {
	case failed != nil:
		return fmt.Errorf("output: the site is not whole, nothing was swapped in: %w", failed)
	case closed:
		return errors.New("output: the site was already committed or given up")
	}
	paths := copies.Paths()
	for _, p := range paths {
		if err := checkPath(p, s.t.given); err != nil {
			return err
		}
	}
	for _, p := range paths {
		if err := s.mkdirs(path.Dir(p)); err != nil {
			return err
		}
	}
	err := parallel(len(paths), func(i int) error {
		c := copies[paths[i]]
		err := s.create(paths[i], func(dst string) error { return writeCopy(dst, c) })
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("output: %q is both a generated file and a copy of %s", paths[i], c.source())
		}
		return err
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.closed = true
	s.files += len(copies)
	s.size += copies.Size()
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range s.tops {
			if !yield(n) {
				return
			}
		}
	})
	s.mu.Unlock()
	return s.finish(names)
}

// Abort gives up the site being written: it removes the new tree, unless
// Commit put it in place, and releases the lock. It may be called more
// than once, and after Commit.
func (s *Stage) Abort() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.release()
}

// release removes the tree unless it was swapped in and releases the
// lock, once.
func (s *Stage) release() {
	s.mu.Lock()
	done, swapped := s.released, s.swapped
	s.released = true
	s.mu.Unlock()
	if done {
		return
	}
	if s.tmp != "" && !swapped {
		removeTree(s.tmp)
	}
	s.unlock()
}

// mkdirs makes the folder d of the tree and those above it.
func (s *Stage) mkdirs(d string) error {
	s.mu.Lock()
	made := s.made[d]
	s.mu.Unlock()
	if made {
		return nil
	}
	// Two Puts may make one folder at once: MkdirAll accepts a folder
	// that exists.
	if err := os.MkdirAll(filepath.Join(s.tmp, filepath.FromSlash(d)), 0o755); err != nil {
		return err
	}
	s.mu.Lock()
	for ; !s.made[d]; d = path.Dir(d) {
		s.made[d] = true
	}
	s.mu.Unlock()
	return nil
}

// create makes the file p of the tree with write, which must create it
// (O_EXCL): a path made twice is a mistake of the build, reported rather
// than silently overwritten.
func (s *Stage) create(p string, write func(dst string) error) error {
	dst := filepath.Join(s.tmp, filepath.FromSlash(p))
	err := write(dst)
	if errors.Is(err, fs.ErrExist) {
		if st, serr := os.Lstat(dst); serr == nil && st.IsDir() {
			return fmt.Errorf("output: %q is both a file and a folder of the site (%w)", p, fs.ErrExist)
		}
		return fmt.Errorf("output: %q is written twice (%w)", p, fs.ErrExist)
	}
	if err != nil {
		return err
	}
	top, _, _ := strings.Cut(p, "/")
	s.mu.Lock()
	s.tops[top] = true
	s.mu.Unlock()
	return nil
}

// writeNew writes data to the new file dst.
func writeNew(dst string, data []byte) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// finish records the tree, whose top-level names are names, and swaps it
// in (Write's last steps), under the lock Stage took.
func (s *Stage) finish(names []string) error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	if err := s.ctx.Err(); err != nil {
		// Interrupted while writing: the previous site stays, and the
		// half-written tree goes (release).
		return err
	}
	t := s.t
	built := tree{id: folderID(s.tmp), names: names}
	// Both trees are recorded before the swap: a kill at any later point
	// leaves one of them at dir, and it must still be recognized.
	if err := t.writeRecord(s.found.tree, &built); err != nil {
		return err
	}
	prev, err := t.swap(s.tmp, s.found.exists)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.swapped = true
	s.mu.Unlock()
	var removeErr error
	if prev != "" {
		removeErr = step("remove", func() error { return removeTree(prev) })
	}
	if err := t.writeRecord(nil, &built); err != nil {
		return err
	}
	if removeErr != nil {
		return fmt.Errorf("output: new site written to %s, but the previous one could not be removed from %s (the next build will try again): %w", t.given, prev, removeErr)
	}
	return nil
}
