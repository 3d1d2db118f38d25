package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/iom-cso/archive/generator/content"
)

// A watcher reports batches of changed paths under a set of root folders.
// Both implementations (file system events and polling) first call
// changed with no paths, once the roots are watched, for the first build;
// then with one batch per quiet period, builds running or not. roots is
// asked again after every build, so that a change of theme in site.yaml
// moves the watch to the new theme folder. ready is called once, after the
// first build, when the roots it named are watched too.
//
// A root folder that is deleted and comes back (a switch of git branch) is
// watched again and reported as changed: the file system watcher watches
// the parent folder of each root for it; polling lists it again anyway.
type watcher interface {
	run(ctx context.Context, h hooks) error
}

// hooks are what a watcher calls, all from its own goroutine.
type hooks struct {
	roots func() []string
	// changed hands a batch over to be built (nil asks for the first
	// build); it does not wait for the build.
	changed func(paths []string)
	// touched gets the paths of ignored files (an editor's swap file)
	// that changed: no reason to rebuild, but the folder listings that the
	// file cache holds are stale.
	touched func(paths []string)
	// built receives a value after each build that ran to its end.
	built <-chan struct{}
	ready func()
}

// ignoredPath reports whether p, below root, is ignored: its own name or
// any folder on the way down.
func ignoredPath(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == "." {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if content.Ignored(part) {
			return true
		}
	}
	return false
}

// rootOf returns the root that holds p, or "".
func rootOf(roots []string, p string) string {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			return r
		}
	}
	return ""
}

// notifyWatcher watches with file system events (inotify, kqueue,
// ReadDirectoryChangesW). Events are coalesced: the batch is handed over
// only once debounce has passed without a new event, the timer being reset
// by each one, so that an editor's atomic save (write a temporary file,
// rename it over the old one) is one batch.
type notifyWatcher struct {
	debounce time.Duration
	log      io.Writer
}

func (nw *notifyWatcher) run(ctx context.Context, h hooks) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching files: %w (try --poll 1s)", err)
	}
	defer w.Close()
	watched := map[string]bool{} // folders with a watch
	current := []string{}        // roots, absolute

	add := func(dir string) {
		if watched[dir] {
			return
		}
		if err := w.Add(dir); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return
			}
			fmt.Fprintf(nw.log, "archive: cannot watch %s: %v (try --poll 1s)\n", dir, err)
			return
		}
		watched[dir] = true
	}
	// addTree watches dir and every folder below it. The watch is placed
	// before the folder is listed, so a file created meanwhile is either
	// listed or reported.
	addTree := func(root, dir string) {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if p != root && content.Ignored(d.Name()) {
				return filepath.SkipDir
			}
			add(p)
			return nil
		})
	}
	removeTree := func(dir string) {
		for p := range watched {
			if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
				_ = w.Remove(p) // the kernel may have dropped it already
				delete(watched, p)
			}
		}
	}
	// reconcile follows a change of roots. Roots already watched are not
	// walked again: a folder renamed meanwhile would be found under its new
	// name while the kernel still watches it under the old one, and the
	// rename's events then remove the only watch it has. The parent of
	// each root is watched too, to see the root deleted and created again;
	// its other entries' events are ignored.
	reconcile := func() {
		next := absAll(h.roots())
		for _, r := range current {
			if !slices.Contains(next, r) {
				removeTree(r)
			}
		}
		for _, r := range next {
			if parent := filepath.Dir(r); parent != r {
				add(parent)
			}
			if !slices.Contains(current, r) {
				addTree(r, r)
			}
		}
		current = next
	}
	reconcile()
	// The first build runs with the watches in place, so that nothing
	// saved while it runs is missed.
	h.changed(nil)
	isReady := false

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := map[string]bool{} // changed paths of the batch being collected
	created := map[string]bool{} // paths created during it
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-h.built:
			reconcile()
			if !isReady {
				isReady = true
				h.ready()
			}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			root := rootOf(current, ev.Name)
			if root == "" || ev.Op == fsnotify.Chmod {
				continue
			}
			if ignoredPath(root, ev.Name) {
				h.touched([]string{ev.Name})
				continue
			}
			if ev.Has(fsnotify.Create) {
				created[ev.Name] = true
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					addTree(root, ev.Name)
				}
			}
			pending[ev.Name] = true
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				removeTree(ev.Name)
				if created[ev.Name] {
					// Created and gone within one batch: the temporary
					// file of an atomic save, whatever its name.
					delete(pending, ev.Name)
					delete(created, ev.Name)
				}
			}
			timer.Reset(nw.debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rebuild anyway, and watch the folders
				// afresh, under the names they have now.
				fmt.Fprintln(nw.log, "archive: too many file events at once; rebuilding everything")
				for _, r := range current {
					removeTree(r)
					addTree(r, r)
					pending[r] = true
				}
				timer.Reset(nw.debounce)
				continue
			}
			fmt.Fprintf(nw.log, "archive: watching files: %v\n", err)
		case <-timer.C:
			if len(pending) == 0 {
				created = map[string]bool{}
				continue
			}
			batch := slices.Sorted(maps.Keys(pending))
			pending, created = map[string]bool{}, map[string]bool{}
			h.changed(batch)
		}
	}
}

// pollWatcher watches by listing the roots every interval and comparing
// sizes, modification times and modes: network and shared drives deliver no
// file events.
type pollWatcher struct {
	interval time.Duration
}

type fileState struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

func scan(roots []string) map[string]fileState {
	out := map[string]fileState{}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			st := fileState{mode: info.Mode().Type()}
			if !d.IsDir() {
				st.size, st.mtime = info.Size(), info.ModTime()
			}
			out[p] = st
			if d.IsDir() && p != root && content.Ignored(d.Name()) {
				return filepath.SkipDir // listed, not entered
			}
			return nil
		})
	}
	return out
}

func (pw *pollWatcher) run(ctx context.Context, h hooks) error {
	current := absAll(h.roots())
	prev := scan(current)
	h.changed(nil)
	isReady := false
	// After a change, the folders are listed again every settle until
	// nothing moves, so a file caught half-written is not built.
	settle := min(pw.interval, 250*time.Millisecond)
	timer := time.NewTimer(pw.interval)
	defer timer.Stop()
	pending := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-h.built:
			if r := absAll(h.roots()); !slices.Equal(r, current) {
				// Roots that appeared with the build (the theme folder):
				// listed now; the others keep their listing from before
				// it, so that a change made during it is seen at the
				// next tick.
				next := scan(r)
				for p, st := range next {
					if rootOf(current, p) == "" {
						prev[p] = st
					}
				}
				for p := range prev {
					if rootOf(r, p) == "" {
						delete(prev, p)
					}
				}
				current = r
			}
			if !isReady {
				isReady = true
				h.ready()
			}
			continue
		case <-timer.C:
		}
		next := scan(current)
		changed := diff(prev, next)
		prev = next
		var touched []string
		for _, p := range changed {
			if ignoredPath(rootOf(current, p), p) {
				touched = append(touched, p)
			} else {
				pending[p] = true
			}
		}
		if len(touched) > 0 {
			h.touched(touched)
		}
		if len(changed) > len(touched) {
			timer.Reset(settle)
			continue
		}
		if len(pending) > 0 {
			h.changed(slices.Sorted(maps.Keys(pending)))
			pending = map[string]bool{}
		}
		timer.Reset(pw.interval)
	}
}

// diff returns the paths added, removed or changed between two scans.
func diff(prev, next map[string]fileState) []string {
	var changed []string
	for p, st := range next {
		if old, ok := prev[p]; !ok || old != st {
			changed = append(changed, p)
		}
	}
	for p := range prev {
		if _, ok := next[p]; !ok {
			changed = append(changed, p)
		}
	}
	return changed
}

func absAll(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p == "" {
			continue
		}
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}
