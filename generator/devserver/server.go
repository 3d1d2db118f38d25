// Package devserver is the preview server behind "archive serve": it builds
// the site in memory, serves it, watches the content and theme folders and
// reloads the open browser tabs after each rebuild.
//
// # Building
//
// Every build is a full generator.Build of the content folder, with one
// generator.Cache kept for the life of the server, so that a rebuild after
// one edit re-parses and re-renders only what the edit touched. The content
// folder's files and listings are kept in memory too, and each batch of
// changes drops what it touched, so a rebuild reads from disk only the
// files that changed. Builds run one at a time; the first starts once the
// folders are watched, so nothing saved meanwhile is missed. A failed
// build changes nothing that is served: the last good build stays online
// until a build succeeds again.
//
// A change saved while a build runs cancels that build (generator.Build
// stops between files, Markdown documents, search documents and pages),
// and the next build, covering the changes of both, starts once it has
// returned. A cancelled build publishes nothing and leaves the cache
// sound. One that does not return within abandonAfter, stuck reading a
// file that does not open, is abandoned with the cache it holds: the next
// build starts without it, with a new cache. Cancelling Serve's context
// (Ctrl-C) cancels the running build the same way, ends the event streams
// and returns.
//
// # Watching
//
// The content folder (site.yaml included) and the theme folder in use, when
// the theme is a folder on disk rather than the embedded default, are
// watched recursively with fsnotify; folders that appear later are watched
// as they appear. Events are coalesced by a timer that each event resets
// (Options.Debounce), so an editor's atomic save (write a temporary file,
// rename it over the old one) gives one rebuild. Chmod-only events and the
// files editors leave beside real ones (hidden files, name~, #name#, .swp,
// .tmp, vim's 4913, JetBrains' ___jb_tmp___) are ignored. With
// Options.Poll set, the folders are listed at that interval instead, for
// network and shared drives that deliver no events.
//
// A watched folder may be deleted and come back, as a switch of git branch
// or a sync tool does it: with file events the folder holding each one is
// watched too, so that its return is seen and it is watched again (polling
// lists it again anyway). The content folder open
// for the builds still refers to the deleted one: before each build the
// server compares it with the folder now at Options.ContentPath and opens
// that one again when they differ. While the content folder is missing,
// the overlay says so and the last good build stays served.
//
// # Reloading
//
// Served HTML gets one tag before </head>:
//
//	<script src="/_archive/reload.js" defer></script>
//
// The script (embedded in this package, so a Content-Security-Policy of
// default-src 'self' holds) subscribes to /_archive/events, a stream of
// Server-Sent Events sent only after a rebuild has finished:
//
//	hello       on connect: {"build": id, "warnings"}; a page from an older
//	            build reloads
//	reload      {"build", "changed", "warnings"}: reload the page
//	css         {"build", "changed", "css": {old URL: new URL}, "warnings"}:
//	            only theme stylesheets changed; swap them without a reload
//	builderror  {"build", "errors": [{path, line, col, msg, lines}], "more"}:
//	            show the error overlay; sent on connect too while it lasts
//
// The overlay shows each problem's file, line, column and message, with the
// lines around it read from the file and the offending one highlighted; it is
// built with textContent only. The next successful build sends reload,
// which clears it. The terminal gets the same report. A build fails on
// everything check calls an error (broken links included); check's
// warnings do not fail it, and those about the files saved since the server
// started ("warnings": [{path, line, col, msg}]) show as a notice in a
// corner of every page until the reader dismisses it, and as lines in the
// terminal when their file is saved.
//
// # Serving
//
// Files are served from memory: GET and HEAD only, "/dir/" serves
// dir/index.html and "/dir" redirects to "/dir/", missing pages get the
// site's 404.html with status 404, and the aliases in _redirects redirect.
// Attachments are served from the content folder, never read whole, and
// only while they are the files the build checked (same type and size;
// otherwise 503 until the rebuild). Paths with ".." or "." segments,
// backslashes or NUL bytes, decoded or not, are refused. Responses carry a
// content type from the extension, an ETag of the bytes sent (of an
// attachment's size and modification time), a Last-Modified that changes
// only when the file does, and Cache-Control: no-cache, so browsers
// revalidate and get 304 Not Modified for unchanged files; conditional and
// range requests are answered by net/http's ServeContent. HTML also gets
// the site's Content-Security-Policy, so the preview breaks where
// production would, and attachments the sandbox the site's _headers gives
// them.
// When listening on a loopback address, the server answers only requests
// whose Host is localhost or a loopback address, so that a web page cannot
// read the preview by pointing a name of its own at 127.0.0.1 (DNS
// rebinding), or one of the names Options.AllowHosts lists: the name under
// which a browser-based development environment forwards the port.
// Nothing is written to disk.
package devserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/visible"
)

// Options configure a Server.
type Options struct {
	// Config is what to build. A nil Cache is replaced by a new one, kept
	// across rebuilds.
	Config generator.Config
	// ContentPath is the content folder's path on disk, watched
	// recursively (Config.ContentDir is only its name in messages). When
	// the folder is replaced (deleted and restored), the server opens it
	// again with os.OpenRoot, in place of Config.Content.
	ContentPath string
	// ThemeDir returns the folder on disk of the theme site.yaml names, to
	// be watched too, or "" when that theme is not a folder (the embedded
	// default). Nil means no theme folder is watched.
	ThemeDir func(name string) string
	// Poll, when positive, watches by listing the folders at this interval
	// instead of by file system events.
	Poll time.Duration
	// Debounce is the quiet time after the last file event before a
	// rebuild starts; zero means DefaultDebounce.
	Debounce time.Duration
	// Today, when set, gives Config.Today afresh for every build (the
	// server may run past midnight).
	Today func() time.Time
	// Log receives progress and build errors, as the terminal shows them.
	// Nil discards them.
	Log io.Writer
	// KeepAlive is the interval of the comments that keep event streams
	// open through idle periods; zero means 20 seconds.
	KeepAlive time.Duration
	// AllowHosts are host names, besides those of this machine, that a
	// request's Host may carry when the server listens on loopback: the
	// name a forwarding proxy (a codespace, a dev container in the cloud)
	// gives the port. Exact names only, compared without port and case.
	AllowHosts []string
}

// DefaultDebounce is the quiet time after a file event before a rebuild:
// long enough to see the several events of one atomic save, short enough
// not to be felt.
const DefaultDebounce = 25 * time.Millisecond

// A Server is the preview server. Create it with New, then call Serve; it
// is also an http.Handler.
type Server struct {
	opts      Options
	cfg       generator.Config
	log       io.Writer
	hub       *hub
	keepAlive time.Duration
	nonce     string
	cwd       string

	files      *fileCache // the content folder in memory, when it is on disk
	contentAbs string     // its absolute path

	// The content folder open, and what it was when opened, to notice
	// that it has been replaced (guarded by contentMu).
	contentMu   sync.Mutex
	contentID   fs.FileInfo // nil when the folder's identity is unknown
	contentRoot *os.Root    // the folder as the server opened it, to close
	contentGone bool        // the folder was found missing since it was opened

	idle *generator.Cache // the build cache between builds; nil while one holds it (guarded by mu)

	site         atomic.Pointer[snapshot] // the last good build; nil before the first
	loopbackOnly atomic.Bool              // answer only to Host names of this machine
	allowHosts   []string                 // and to these (hostName form)

	mu        sync.Mutex
	themeName string            // the theme the last build resolved
	builds    int               // good builds so far
	failure   *failure          // the last build's error, nil when it succeeded
	lastBuild time.Duration     // how long the last successful Build took
	edited    map[string]bool   // absolute paths of the files saved since the start
	warnings  []problem         // the last good build's warnings about them
	modTimes  map[string]modKey // served path → when its bytes last changed

	ready     chan struct{} // closed once the watcher has placed its watches
	readyOnce sync.Once

	running sync.WaitGroup // build goroutines, abandoned ones too
}

// abandonAfter is how long a cancelled build may take to return. One
// reading a file that does not open (a hung network drive) never does:
// past this, the next build starts without it, and Serve returns.
const abandonAfter = 500 * time.Millisecond

type modKey struct {
	etag string
	time time.Time
}

// New returns a server for opts; it builds nothing until Serve.
func New(opts Options) *Server {
	s := &Server{opts: opts, cfg: opts.Config, log: opts.Log, hub: newHub(), keepAlive: opts.KeepAlive,
		modTimes: map[string]modKey{}, edited: map[string]bool{}, ready: make(chan struct{})}
	if s.log == nil {
		s.log = io.Discard
	}
	if s.keepAlive <= 0 {
		s.keepAlive = 20 * time.Second
	}
	if s.opts.Debounce <= 0 {
		s.opts.Debounce = DefaultDebounce
	}
	s.idle = s.cfg.Cache
	if s.idle == nil {
		s.idle = generator.NewCache()
	}
	s.cfg.Cache = nil // each build takes one: see takeCache
	if s.cfg.ContentDir == "" {
		// The build's default, set here so that the paths in its problems
		// can be matched against it.
		s.cfg.ContentDir = "content"
	}
	for _, h := range opts.AllowHosts {
		s.allowHosts = append(s.allowHosts, hostName(h))
	}
	if opts.ContentPath != "" && s.cfg.Content != nil {
		s.contentID = folderID(s.cfg.Content)
		s.files = newFileCache(s.cfg.Content)
		s.cfg.Content = s.files
		s.contentAbs, _ = filepath.Abs(opts.ContentPath)
	}
	if resolve := s.cfg.ResolveTheme; resolve != nil {
		s.cfg.ResolveTheme = func(name string) (fs.FS, error) {
			s.mu.Lock()
			s.themeName = name
			s.mu.Unlock()
			return resolve(name)
		}
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	s.nonce = hex.EncodeToString(b[:])
	s.cwd, _ = os.Getwd()
	s.hub.setState(s.helloLocked(""))
	return s
}

// Serve serves on ln, builds the site, and then rebuilds it on every change
// until ctx is cancelled. It closes ln and returns once every goroutine it
// started has ended and every connection is closed, except a build that
// did not return within abandonAfter of being cancelled (stuck reading a
// file): that one is left to end on its own, and its result is dropped.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if a, ok := ln.Addr().(*net.TCPAddr); ok && a.IP.IsLoopback() {
		s.loopbackOnly.Store(true)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
	}
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	fmt.Fprintf(s.log, "archive: preview at http://%s/ (Ctrl-C to stop)\n", ln.Addr())

	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := s.Watch(watchCtx); err != nil {
			errc <- err
		}
	}()

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	stopWatching()
	s.hub.close() // event streams end, so Shutdown does not wait for them
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if e := srv.Shutdown(shutdownCtx); e != nil {
		_ = srv.Close()
	}
	wg.Wait()
	return err
}

// Watch builds the site, then watches the content and theme folders and
// rebuilds after each change until ctx is cancelled. Serve calls it.
//
// A change while a build runs cancels that build; the next one covers the
// changes of both. Once ctx is cancelled, Watch returns when the running
// build has returned, or after abandonAfter.
func (s *Server) Watch(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	batches := make(chan []string)
	built := make(chan struct{}, 1)
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.buildLoop(ctx, batches, built)
	}()
	defer func() {
		cancel() // the watcher may have failed: the loop stops too
		<-loopDone
	}()
	var w watcher = &notifyWatcher{debounce: s.opts.Debounce, log: s.log}
	if s.opts.Poll > 0 {
		w = &pollWatcher{interval: s.opts.Poll}
	}
	forget := func(paths []string) {
		if s.files != nil {
			s.files.forget(relPaths(s.contentAbs, paths))
		}
	}
	return w.run(ctx, hooks{
		roots: s.roots,
		changed: func(paths []string) {
			// Forgotten at once, not when the build starts: a build
			// still running must not cache what it reads of them.
			forget(paths)
			select {
			case batches <- paths:
			case <-ctx.Done():
			}
		},
		touched: forget,
		built:   built,
		ready:   func() { s.readyOnce.Do(func() { close(s.ready) }) },
	})
}

// A build is one run of rebuild, on a goroutine of its own.
type build struct {
	changed []string // nil for the first build
	cancel  context.CancelFunc
	done    chan struct{} // closed when rebuild has returned
	ended   bool          // rebuild published its result (set before done closes)
}

// buildLoop runs the builds the watcher asks for (a nil batch asks for the
// first), one at a time: a batch that comes while a build runs cancels it,
// and the next build, covering both, starts when the cancelled one has
// returned or has been abandoned. After each build that published its
// result, built gets a value.
func (s *Server) buildLoop(ctx context.Context, batches <-chan []string, built chan<- struct{}) {
	var (
		cur     *build           // the build running, nil when none
		abandon <-chan time.Time // fires when cur, cancelled, is taking too long
		due     bool             // a build is wanted
		first   bool             // it is the first build
		pending []string         // the changes it covers
	)
	start := func() {
		changed := pending
		if first {
			changed = nil
		}
		cur, abandon, due, first, pending = s.startBuild(ctx, changed), nil, false, false, nil
	}
	// redo makes the next build cover the changes of cur, which published
	// nothing.
	redo := func() {
		if cur.changed == nil {
			first = true
		}
		pending = mergePaths(pending, cur.changed)
	}
	for {
		var curDone <-chan struct{}
		if cur != nil {
			curDone = cur.done
		}
		select {
		case <-ctx.Done():
			if cur != nil {
				cur.cancel()
				select {
				case <-cur.done:
				case <-time.After(abandonAfter):
				}
			}
			return
		case batch := <-batches:
			if batch == nil {
				first = true
			}
			pending = mergePaths(pending, batch)
			due = true
			if cur == nil {
				start()
				continue
			}
			if abandon == nil {
				cur.cancel()
				abandon = time.After(abandonAfter)
			}
		case <-curDone:
			if cur.ended {
				select {
				case built <- struct{}{}:
				default:
				}
			} else {
				redo()
			}
			cur, abandon = nil, nil
			if due {
				start()
			}
		case <-abandon:
			// Its context is cancelled: it will publish nothing.
			fmt.Fprintf(s.log, "archive: the cancelled build has not stopped within %s (a file that does not open?); building again without waiting for it\n", abandonAfter)
			redo()
			cur, abandon = nil, nil
			start()
		}
	}
}

// startBuild starts rebuild on its own goroutine, with the build cache if
// no abandoned build still holds it.
func (s *Server) startBuild(ctx context.Context, changed []string) *build {
	ctx, cancel := context.WithCancel(ctx)
	b := &build{changed: changed, cancel: cancel, done: make(chan struct{})}
	cache := s.takeCache()
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		defer close(b.done)
		defer cancel()
		b.ended = s.rebuild(ctx, changed, cache)
		s.putCache(cache)
	}()
	return b
}

// takeCache returns the build cache, or a new one while an abandoned build
// still holds it: a Cache serves one build at a time.
func (s *Server) takeCache() *generator.Cache {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.idle
	s.idle = nil
	if c == nil {
		c = generator.NewCache()
	}
	return c
}

// putCache gives c back after a build, unless another build has already
// given one back: an abandoned build's cache is then dropped. Either is
// sound, cancelled builds included.
func (s *Server) putCache(c *generator.Cache) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idle == nil {
		s.idle = c
	}
}

// mergePaths returns the sorted union of two lists of paths.
func mergePaths(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// roots returns the folders to watch: the content folder and the theme
// folder of the last build that got as far as the theme.
func (s *Server) roots() []string {
	roots := []string{s.opts.ContentPath}
	s.mu.Lock()
	name := s.themeName
	s.mu.Unlock()
	if name != "" && s.opts.ThemeDir != nil {
		if dir := s.opts.ThemeDir(name); dir != "" {
			roots = append(roots, dir)
		}
	}
	return roots
}

// event is the data of hello, reload and css events.
type event struct {
	Build   string            `json:"build"`
	Changed []string          `json:"changed,omitempty"`
	CSS     map[string]string `json:"css,omitempty"`
	// Warnings are check's warnings about the files saved since the
	// server started: the notice a page shows until it is dismissed.
	Warnings []problem `json:"warnings,omitempty"`
}

// rebuild builds the site with cache after the given files changed (none
// for the first build), then publishes the result: the new files and a
// reload or css event, or the error and a builderror event. It returns
// false, having published nothing, when ctx was cancelled first.
func (s *Server) rebuild(ctx context.Context, changed []string, cache *generator.Cache) bool {
	start := time.Now()
	cfg := s.cfg
	cfg.Cache = cache
	if s.opts.Today != nil {
		cfg.Today = s.opts.Today()
	}
	var warnings content.List
	cfg.Warnings = func(l content.List) { warnings = l }
	var files output.Files
	var copies output.Copies
	err := s.reopenContent()
	if err == nil {
		files, copies, err = generator.Build(ctx, cfg)
	}
	took := time.Since(start)
	if ctx.Err() != nil {
		return false
	}
	shown := s.displayPaths(changed)
	if err != nil {
		f := s.describe(err)
		data, _ := json.Marshal(f)
		msg := message{event: "builderror", data: data}
		s.mu.Lock()
		if ctx.Err() != nil {
			// Cancelled meanwhile: a newer build has the last word.
			s.mu.Unlock()
			return false
		}
		s.failure = f
		s.printFailure(f, shown) // the terminal first: whoever gets the event may read it
		s.hub.publish(msg, s.helloLocked(f.Build), msg)
		s.mu.Unlock()
		return true
	}

	prev := s.site.Load()
	cssOnly := prev != nil && s.onlyThemeCSS(changed)
	s.mu.Lock()
	if ctx.Err() != nil {
		s.mu.Unlock()
		return false
	}
	wasFailing := s.failure != nil
	s.failure = nil
	for _, p := range changed {
		s.edited[p] = true
	}
	s.warnings = s.editedWarnings(warnings)
	s.lastBuild = took
	s.builds++
	id := fmt.Sprintf("%s-%d", s.nonce, s.builds)
	modTime := time.Now().Truncate(time.Second)
	if prev != nil && !modTime.After(prev.modTime) {
		// Last-Modified has whole seconds: keep each build's time distinct.
		modTime = prev.modTime.Add(time.Second)
	}
	snap := newSnapshot(files, id, modTime)
	snap.copies = copies
	ev := event{Build: id, Changed: shown, Warnings: s.warnings}
	kind := "reload"
	if cssOnly && !wasFailing {
		kind, ev.CSS = "css", cssSwaps(prev.files, files)
	}
	data, _ := json.Marshal(ev)
	s.site.Store(snap)
	// The terminal first, as for a failure: whoever gets the event may
	// read it.
	took = took.Round(time.Millisecond)
	pages := files.Pages()
	switch {
	case changed == nil:
		fmt.Fprintf(s.log, "archive: built %d pages in %s\n", pages, took)
	case wasFailing:
		fmt.Fprintf(s.log, "archive: fixed; rebuilt %d pages in %s\n", pages, took)
	default:
		fmt.Fprintf(s.log, "archive: %s changed; rebuilt in %s (%s)\n", summarize(shown), took, kind)
	}
	s.printWarnings(changed, warnings)
	s.hub.publish(message{event: kind, id: id, data: data}, s.helloLocked(id))
	s.mu.Unlock()
	return true
}

// editedWarnings returns, as the notice shows them, the warnings about
// files saved since the server started: those the author is working on,
// not every warning of the archive. s.mu is held.
func (s *Server) editedWarnings(warnings content.List) []problem {
	var out []problem
	for _, w := range warnings {
		if !s.edited[s.absPath(w.Path)] {
			continue
		}
		if len(out) == maxProblems {
			break
		}
		out = append(out, problem{Path: w.Path, Line: w.Line, Col: w.Col, Msg: w.Msg})
	}
	return out
}

// printWarnings prints the warnings about the files of this rebuild, one
// line each, as check prints them.
func (s *Server) printWarnings(changed []string, warnings content.List) {
	if len(changed) == 0 {
		return
	}
	now := map[string]bool{}
	for _, p := range changed {
		now[p] = true
	}
	for _, w := range warnings {
		if now[s.absPath(w.Path)] {
			fmt.Fprintln(s.log, visible.Line(w.Error()))
		}
	}
}

// absPath turns a path as problems give it (the content folder's name
// joined with the file's path) into the absolute path the watcher reports.
func (s *Server) absPath(p string) string {
	if rel, ok := strings.CutPrefix(p, s.cfg.ContentDir+"/"); ok && s.contentAbs != "" {
		return filepath.Join(s.contentAbs, filepath.FromSlash(rel))
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) && s.cwd != "" {
		p = filepath.Join(s.cwd, p)
	}
	return filepath.Clean(p)
}

// reopenContent makes sure builds read the folder that ContentPath names
// now. A folder open stays the folder it was, even deleted: when the
// content folder has been replaced (deleted and restored, renamed over), it
// is opened again and everything read from the old one forgotten. While
// it is missing, the error says so.
func (s *Server) reopenContent() error {
	if s.files == nil {
		return nil
	}
	s.contentMu.Lock()
	defer s.contentMu.Unlock()
	shown := s.displayPaths([]string{s.contentAbs})[0]
	st, err := os.Stat(s.contentAbs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.contentGone = true
		return fmt.Errorf("the content folder %s is missing (deleted, or being replaced); the preview rebuilds as soon as it is back", shown)
	case err != nil:
		return fmt.Errorf("cannot read the content folder %s: %w; the preview rebuilds after the next change", shown, err)
	case !st.IsDir():
		s.contentGone = true
		return fmt.Errorf("the content folder %s is not a folder any more; put the folder back", shown)
	}
	if !s.contentGone && (s.contentID == nil || os.SameFile(s.contentID, st)) {
		return nil
	}
	root, err := os.OpenRoot(s.contentAbs)
	if err != nil {
		return fmt.Errorf("the content folder %s was replaced and cannot be opened again: %w; check that it is a folder you can read", shown, err)
	}
	if s.contentRoot != nil {
		s.contentRoot.Close() // a cancelled build may still read it: it fails, and is dropped anyway
	}
	s.contentRoot, s.contentGone = root, false
	s.contentID = folderID(root.FS())
	s.files.reset(root.FS())
	fmt.Fprintf(s.log, "archive: the content folder %s was replaced; reading the new one\n", shown)
	return nil
}

// folderID returns what identifies the folder fsys is open on, or nil when
// it is not a folder on disk (os.SameFile can compare only those).
func folderID(fsys fs.FS) fs.FileInfo {
	st, err := fs.Stat(fsys, ".")
	if err != nil || !os.SameFile(st, st) {
		return nil
	}
	return st
}

// helloLocked is the first message of every new event stream. s.mu is held.
func (s *Server) helloLocked(build string) message {
	data, _ := json.Marshal(event{Build: build, Warnings: s.warnings})
	return message{event: "hello", data: data}
}

// onlyThemeCSS reports whether every changed path is a stylesheet in the
// theme folder, so that pages can swap stylesheets instead of reloading.
func (s *Server) onlyThemeCSS(changed []string) bool {
	roots := absAll(s.roots())
	if len(changed) == 0 || len(roots) < 2 {
		return false
	}
	theme := roots[1:]
	for _, p := range changed {
		if filepath.Ext(p) != ".css" || rootOf(theme, p) == "" || rootOf(roots[:1], p) != "" {
			return false
		}
	}
	return true
}

// cssSwaps pairs the stylesheets that left the build with those that came,
// by their name without the fingerprint: "/assets/css/site.1a2b3c4d.css" →
// "/assets/css/site.5e6f7a8b.css".
func cssSwaps(old, cur output.Files) map[string]string {
	gone := map[string]string{}
	for p := range old {
		if strings.HasSuffix(p, ".css") {
			if _, ok := cur[p]; !ok {
				gone[unfingerprint(p)] = p
			}
		}
	}
	swaps := map[string]string{}
	for p := range cur {
		if strings.HasSuffix(p, ".css") {
			if _, ok := old[p]; !ok {
				if was, ok := gone[unfingerprint(p)]; ok {
					swaps["/"+was] = "/" + p
				}
			}
		}
	}
	return swaps
}

// unfingerprint drops the content hash from an asset name.
func unfingerprint(p string) string {
	ext := filepath.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	if i := strings.LastIndexByte(stem, '.'); i >= 0 && isHex(stem[i+1:]) {
		stem = stem[:i]
	}
	return stem + ext
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// displayPaths makes changed paths relative to the working folder where
// that is shorter, slash-separated, for the terminal and the events.
func (s *Server) displayPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		if s.cwd != "" {
			if rel, err := filepath.Rel(s.cwd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
		out = append(out, filepath.ToSlash(p))
	}
	return out
}

func summarize(paths []string) string {
	switch len(paths) {
	case 0:
		return "nothing"
	case 1:
		return paths[0]
	}
	return fmt.Sprintf("%s and %d more", paths[0], len(paths)-1)
}

// lastModified returns when the bytes with this etag were first served at
// path p: unchanged files keep their time across rebuilds.
func (s *Server) lastModified(p, etag string, build time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.modTimes[p]; ok && k.etag == etag {
		return k.time
	}
	s.modTimes[p] = modKey{etag, build}
	return build
}
