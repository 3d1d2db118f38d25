package content

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/errgroup"

	"github.com/iom-cso/archive/internal/editorfiles"
)

// DefaultDir is the content folder's name when none is given: what
// prefixes the paths of problems (Options.Dir) and what the commands
// read by default.
const DefaultDir = "content"

// Options tune Load.
type Options struct {
	// Dir is the content folder's name as the author knows it (DefaultDir
	// when empty); it prefixes every path in error messages so they can
	// be opened as given.
	Dir string
	// Cache, when set, keeps parsed files between loads so that the preview
	// server re-parses only what changed.
	Cache *Cache
}

// validSlug reports whether s is lowercase ASCII letters and digits in
// words joined by single hyphens: ^[a-z0-9]+(-[a-z0-9]+)*$ (by hand: every
// file of the archive is checked on every build).
func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Load reads site.yaml and every event and page of a content folder. It
// returns what it could read together with every problem found; the archive
// is usable only when the list holds no error (see List.Err).
//
// When ctx is cancelled, Load stops between files and returns early with an
// incomplete archive and list: the caller must check ctx.Err() before using
// either. Cancelling leaves opts.Cache fit for the next Load.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Archive, List) {
	if opts.Dir == "" {
		opts.Dir = DefaultDir
	}
	l := &loader{ctx: ctx, fsys: fsys, opts: opts}
	return l.load()
}

type loader struct {
	ctx  context.Context
	fsys fs.FS
	opts Options
	mu   sync.Mutex
	errs List

	// Each attachment's file information from the walk, and the reason
	// it is refused, by path within the content folder.
	attInfo    map[string]fs.FileInfo
	attRefused map[string]*refusal
}

func (l *loader) p(name string) string { return path.Join(l.opts.Dir, name) }

func (l *loader) add(errs ...*Error) {
	l.mu.Lock()
	l.errs = append(l.errs, errs...)
	l.mu.Unlock()
}

func (l *loader) errorf(name string, line, col int, format string, args ...any) {
	l.add(&Error{Path: l.p(name), Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

type job struct {
	name   string // path within the content folder
	kind   *Kind  // nil for plain pages
	slug   string
	bundle string // bundle folder, or ""
	home   bool
	org    bool // an organization of the directory
	event  *Event
	page   *Page
	orgOut *Organization
	// lang is the language of a translation (translation.go), and orig
	// the name of the original it translates; "" for an original.
	lang, orig string
	tr         *Translation
}

func (l *loader) load() (*Archive, List) {
	a := &Archive{Dir: l.opts.Dir}
	// Lstat first: opening a named pipe would block, and a symbolic link
	// could lead outside the content folder.
	if st, err := fs.Lstat(l.fsys, "site.yaml"); err == nil && !st.Mode().IsRegular() {
		l.errorf("site.yaml", 0, 0, "site.yaml is not a regular file (a symbolic link or a device); replace it with the file itself")
		return a, l.errs
	}
	src, err := readInto(l.fsys, "site.yaml", MaxFileSize, nil)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.errorf("site.yaml", 0, 0, "site.yaml is missing: every content folder needs one (see README)")
		} else {
			l.errorf("site.yaml", 0, 0, "%v", err)
		}
		return a, l.errs
	}
	site, errs := ParseSite(l.p("site.yaml"), src)
	l.add(errs...)
	if site == nil || len(errs.Errors()) > 0 {
		return a, l.errs
	}
	a.Site = site
	if l.opts.Cache != nil {
		l.opts.Cache.begin(sha256.Sum256(src))
	}

	jobs, files := l.walk(site)
	jobs = l.pairTranslations(jobs)
	l.parseAll(site, jobs)
	if l.ctx.Err() != nil {
		// Incomplete: the Cache keeps what it had (end would drop the
		// entries of the files not reached).
		return a, l.errs
	}
	l.checkAttachments(site, files)

	for _, j := range jobs {
		switch {
		case j.event != nil:
			e := j.event
			if j.bundle != "" {
				e.Files = files[j.bundle]
				e.FileSizes = make(map[string]int64, len(e.Files))
				for _, f := range e.Files {
					if info := l.attInfo[j.bundle+"/"+f]; info != nil {
						e.FileSizes[f] = info.Size()
					}
				}
				l.attachDocuments(e)
			} else {
				for _, d := range e.Documents {
					if d.File != "" {
						l.errorf(j.name, d.Line, d.Col, "document %q: file: needs a page bundle; move %s to %s/index.md and put the file beside it", d.Title, path.Base(j.name), strings.TrimSuffix(j.name, ".md"))
					}
				}
			}
			a.Events = append(a.Events, e)
		case j.orgOut != nil:
			a.Organizations = append(a.Organizations, j.orgOut)
		case j.home:
			a.Home = j.page
		case j.page != nil:
			a.Pages = append(a.Pages, j.page)
		}
	}
	if a.Home == nil {
		a.Home = &Page{Path: "_index.md", Title: site.Title}
	}
	if a.Home.Title == "" {
		a.Home.Title = site.Title
	}
	l.attachTranslations(a, jobs)
	slices.SortStableFunc(a.Events, compareEvents)
	sortOrganizations(site, a.Organizations)
	l.resolveOrganizers(a)
	slices.SortStableFunc(a.Pages, func(p, q *Page) int {
		return cmp.Or(cmp.Compare(p.Weight, q.Weight), strings.Compare(p.Slug, q.Slug))
	})
	if l.opts.Cache != nil {
		l.opts.Cache.end()
	}
	l.errs.Sort()
	return a, l.errs
}

// compareEvents orders events oldest first; ties broken by kind folder and slug
// so that the order never depends on the file system.
func compareEvents(a, b *Event) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Kind.Folder, b.Kind.Folder); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// Ignored reports whether a file or folder called name (a base name) is
// one that editors and operating systems leave beside real files: hidden
// files, backups, swap and lock files, and the temporary files of atomic
// saves. None of them is ever content or theme: Load skips them, the
// theme reader too, and the preview's watcher does not rebuild for them,
// so that they never disagree on what a folder holds. The rule is
// editorfiles.Ignored, which the theme reader shares.
func Ignored(name string) bool { return editorfiles.Ignored(name) }

// windowsReserved reports whether a file name is one Windows reserves for
// devices, with any extension and with spaces before it, which Windows
// drops: (?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\..*)?$.
// Windows reads the superscript digits ¹²³ as digits in COM and LPT
// names; CONIN$ and CONOUT$ open the console as CON does. CLOCK$, a
// device of MS-DOS, is not reserved by today's Windows.
func windowsReserved(name string) bool {
	stem, ext, _ := strings.Cut(name, ".")
	if strings.Contains(ext, "\n") {
		return false
	}
	stem = strings.TrimRight(stem, " ")
	if len(stem) < 3 {
		return false
	}
	w := strings.ToLower(stem[:3])
	switch rest := stem[3:]; {
	case rest == "":
		return w == "con" || w == "prn" || w == "aux" || w == "nul"
	case w == "com" || w == "lpt":
		return len(rest) == 1 && '0' <= rest[0] && rest[0] <= '9' || rest == "¹" || rest == "²" || rest == "³"
	case w == "con":
		rest = strings.ToLower(rest)
		return rest == "in$" || rest == "out$"
	}
	return false
}

// badFileName explains why an attachment's name cannot be checked out on
// every system the archive is edited on, or returns "".
func badFileName(base string) string {
	if i := strings.IndexRune(base, 0x7f); i >= 0 {
		// Windows allows DEL, but a control character has no place in
		// a web address, nor in the _headers file that lists attachments.
		return fmt.Sprintf("%q holds the control character %q", base, base[i:i+1])
	}
	if i := strings.IndexFunc(base, func(r rune) bool { return r < ' ' || strings.ContainsRune(`<>:"|?*\`, r) }); i >= 0 {
		return fmt.Sprintf("%q holds %q, which Windows does not allow in file names", base, base[i:i+1])
	}
	if strings.HasSuffix(base, ".") || strings.HasSuffix(base, " ") {
		return fmt.Sprintf("%q ends in a dot or a space, which Windows drops", base)
	}
	return ""
}

// walk lists the files to parse and each bundle's attachments.
func (l *loader) walk(site *Site) ([]*job, map[string][]string) {
	var jobs []*job
	files := map[string][]string{}
	l.attInfo = map[string]fs.FileInfo{}
	err := fs.WalkDir(l.fsys, ".", func(name string, de fs.DirEntry, err error) error {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			l.errorf(name, 0, 0, "cannot read: %v", unwrapPathErr(err))
			if de != nil && de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if name == "." {
			return nil
		}
		if Ignored(path.Base(name)) {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.Type()&fs.ModeSymlink != 0 {
			l.errorf(name, 0, 0, "symbolic links are not followed: replace the link with the file or folder itself")
			return nil
		}
		skip := func() error {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if windowsReserved(path.Base(name)) {
			l.errorf(name, 0, 0, "%q is a reserved file name on Windows; rename it", path.Base(name))
			return skip()
		}
		if len(name) > MaxPathBytes {
			l.errorf(name, 0, 0, "the path is %d bytes long; the limit is %d below the content folder: use shorter folder or file names", len(name), MaxPathBytes)
			return skip()
		}
		if !de.IsDir() && !de.Type().IsRegular() {
			l.errorf(name, 0, 0, "not a regular file")
			return nil
		}
		parts := strings.Split(name, "/")
		switch len(parts) {
		case 1: // content root
			if de.IsDir() {
				if name == OrganizationsFolder {
					return nil
				}
				if site.KindByFolder(name) == nil {
					l.errorf(name, 0, 0, "folder %q is not the folder of any kind in site.yaml (kinds live in: %s)", name, kindFolders(site))
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case name == "site.yaml":
			case name == "_index.md":
				jobs = append(jobs, &job{name: name, home: true})
			case strings.HasSuffix(name, ".md"):
				slug := strings.TrimSuffix(name, ".md")
				if t, ok := l.translationJob(site, name, nil, ""); ok {
					if t != nil {
						jobs = append(jobs, t)
					}
				} else if l.checkSlug(name, slug, "file") && l.notLanguageFolder(site, name, slug) {
					jobs = append(jobs, &job{name: name, slug: slug})
				}
			default:
				l.errorf(name, 0, 0, "only site.yaml, _index.md, plain pages (.md) and kind folders belong at the content root")
			}
		case 2: // inside a kind folder, or the directory of organizations
			if parts[0] == OrganizationsFolder {
				switch key, md := strings.CutSuffix(parts[1], ".md"); {
				case de.IsDir():
					l.errorf(name, 0, 0, "%s/ holds one file per organization, <key>.md, and no folders: move what this folder holds out of content/%s/", OrganizationsFolder, OrganizationsFolder)
					return fs.SkipDir
				case !md:
					l.errorf(name, 0, 0, "%s/ holds one file per organization, <key>.md, and nothing else", OrganizationsFolder)
				case strings.Contains(key, "."):
					if t := l.organizationTranslationJob(site, name, key); t != nil {
						jobs = append(jobs, t)
					}
				case l.checkOrganizationKey(name, key):
					jobs = append(jobs, &job{name: name, slug: key, org: true})
				}
				return nil
			}
			kind := site.KindByFolder(parts[0])
			if de.IsDir() {
				if !l.checkSlug(name, parts[1], "folder") {
					return fs.SkipDir
				}
				// Lstat: a symbolic link or a named pipe called index.md
				// must be refused here, before anything opens it.
				if st, err := fs.Lstat(l.fsys, name+"/index.md"); err != nil {
					l.errorf(name, 0, 0, "folder has no index.md: a page bundle is <slug>/index.md with its attachments beside it")
					return fs.SkipDir
				} else if !st.Mode().IsRegular() {
					l.errorf(name+"/index.md", 0, 0, "index.md is not a regular file (a symbolic link or a device); replace it with the file itself")
					return fs.SkipDir
				}
				jobs = append(jobs, &job{name: name + "/index.md", kind: kind, slug: parts[1], bundle: name})
				files[name] = []string{}
				return nil
			}
			if !strings.HasSuffix(name, ".md") {
				l.errorf(name, 0, 0, "only .md event files and bundle folders belong in a kind folder; put attachments in a bundle (<slug>/index.md)")
				return nil
			}
			slug := strings.TrimSuffix(parts[1], ".md")
			if t, ok := l.translationJob(site, name, kind, ""); ok {
				if t != nil {
					jobs = append(jobs, t)
				}
			} else if l.checkSlug(name, slug, "file") {
				jobs = append(jobs, &job{name: name, kind: kind, slug: slug})
			}
		default: // inside a bundle
			bundle := parts[0] + "/" + parts[1]
			if n := len(parts[len(parts)-1]); n > MaxNameBytes {
				l.errorf(name, 0, 0, "the name is %d bytes long; the limit is %d for a file or folder in a bundle: give it a shorter name", n, MaxNameBytes)
				return skip()
			}
			if de.IsDir() {
				if depth := len(parts) - 2; depth > MaxBundleDepth {
					l.errorf(name, 0, 0, "this folder is %d levels deep in the bundle; the limit is %d: move its files up", depth, MaxBundleDepth)
					return fs.SkipDir
				}
				return nil
			}
			rel := strings.Join(parts[2:], "/")
			if rel == "index.md" {
				return nil
			}
			if t, ok := l.translationJob(site, name, site.KindByFolder(parts[0]), bundle); ok {
				if t != nil {
					jobs = append(jobs, t)
				}
				return nil
			}
			if strings.HasSuffix(rel, ".md") {
				l.errorf(name, 0, 0, "a bundle holds one Markdown file, index.md; make this a separate event or give it another extension")
				return nil
			}
			if bad := badFileName(path.Base(rel)); bad != "" {
				l.errorf(name, 0, 0, "attachment name %s; rename the file", bad)
				return nil
			}
			// The size is the file system's, from the walk: a file over
			// the limit is refused without being opened.
			info, err := de.Info()
			if err != nil {
				l.errorf(name, 0, 0, "cannot read: %v", unwrapPathErr(err))
				return nil
			}
			l.attInfo[name] = info
			files[bundle] = append(files[bundle], rel)
		}
		return nil
	})
	if err != nil && l.ctx.Err() == nil {
		l.errorf(".", 0, 0, "cannot read the content folder: %v", err)
	}
	for _, f := range files {
		slices.Sort(f)
	}
	return jobs, files
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func kindFolders(site *Site) string {
	var f []string
	for _, k := range site.Kinds {
		f = append(f, k.Folder)
	}
	return strings.Join(f, ", ")
}

// checkSlug reports whether slug, the name of the file or folder name,
// may name a page, and says why not.
func (l *loader) checkSlug(name, slug, fileOrFolder string) bool {
	switch {
	case !validSlug(slug):
		l.errorf(name, 0, 0, "%q is not a valid slug: use lowercase ASCII letters, digits and hyphens (the name becomes the page's URL)", slug)
	case len(slug) > MaxSlugLength:
		l.errorf(name, 0, 0, "the slug is %d characters long; the limit is %d (it becomes the page's address): give the %s a shorter name", len(slug), MaxSlugLength, fileOrFolder)
	default:
		return true
	}
	return false
}

// parseAll parses every file, on as many goroutines as there are CPUs,
// until l.ctx is cancelled: the files being parsed then are finished, no
// other is started.
//
// The workers are fed one file at a time, rather than each file given its
// own goroutine under errgroup's SetLimit: each worker keeps one read
// buffer for all its files, and the feeder looks at l.ctx before each
// file. With a goroutine per file, new goroutines went on starting files
// while the one that saw a cancellation waited for a CPU
// (TestLoadCancelled).
func (l *loader) parseAll(site *Site, jobs []*job) {
	work := make(chan *job)
	var g errgroup.Group
	for range max(1, runtime.GOMAXPROCS(0)) {
		g.Go(func() error {
			var scratch []byte
			for j := range work {
				scratch = l.parse(site, j, scratch)
			}
			return nil
		})
	}
	done := l.ctx.Done()
feed:
	for _, j := range jobs {
		if l.ctx.Err() != nil {
			break
		}
		select {
		case work <- j:
		case <-done:
			break feed
		}
	}
	close(work)
	g.Wait()
}

// parse reads and parses one file. scratch is a buffer it may read into
// and returns for the next file.
func (l *loader) parse(site *Site, j *job, scratch []byte) []byte {
	c := l.opts.Cache
	if j.org {
		// Resolving organizers links each organization to the events of
		// one load: an organization is read afresh every time (they are
		// few and short).
		c = nil
	}
	if c == nil {
		scratch = nil // every file is kept: read each into its own buffer
	}
	src, err := readInto(l.fsys, j.name, MaxFileSize, scratch)
	if err != nil {
		l.errorf(j.name, 0, 0, "%v", err)
		return scratch
	}
	if j.lang != "" {
		return l.parseTranslation(j, src, scratch)
	}
	if c != nil {
		// Most files are unchanged in a rebuild: they are read into the
		// same buffer, and only those that changed are kept.
		scratch = src[:0]
		if ev, pg, errs, ok := c.get(j.name, src); ok {
			l.add(errs...)
			j.event, j.page = ev, pg
			return scratch
		}
		src = bytes.Clone(src)
	}
	var errs List
	ev, pg := parseFile(l.p(j.name), src, site, j, &errs)
	if c != nil {
		c.put(j.name, src, ev, pg, errs)
	}
	l.add(errs...)
	j.event, j.page = ev, pg
	return scratch
}

// readInto reads the file name, no larger than limit, into buf when it is
// big enough or else into a new buffer of the file's size.
func readInto(fsys fs.FS, name string, limit int64, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathErr(err))
	}
	defer f.Close()
	size := int64(4096)
	if st, err := f.Stat(); err == nil {
		if st.Size() > limit {
			return nil, fmt.Errorf("file is %.1f MB; the limit is %d MB", float64(st.Size())/(1<<20), limit>>20)
		}
		// One byte more than the file, so that the read that finds
		// the end needs no bigger buffer: thousands of files stay in
		// memory, each in a buffer of its own size.
		size = st.Size() + 1
	}
	if int64(cap(buf)) < size {
		buf = make([]byte, 0, size)
	}
	buf = buf[:0]
	for {
		if int64(len(buf)) > limit {
			return nil, fmt.Errorf("file is larger than %d MB", limit>>20)
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			break
		}
	}
	return buf, nil
}

// parseFile turns one file's bytes into an event or a page. It depends on
// nothing but its arguments, which is what makes caching it by content safe.
func parseFile(errPath string, src []byte, site *Site, j *job, errs *List) (*Event, *Page) {
	parts, d, root := readFrontMatter(errPath, src, errs)
	if root == nil {
		return nil, nil
	}
	hash := sha256.Sum256(src)
	if j.org {
		o := &Organization{Path: j.name, Key: j.slug, Body: parts.Body, BodyLine: parts.BodyLine, Hash: hash}
		decodeOrganization(d, root, site, o)
		j.orgOut = o
		return nil, nil
	}
	if j.kind == nil {
		p := &Page{Path: j.name, Slug: j.slug, Body: parts.Body, BodyLine: parts.BodyLine, Hash: hash}
		decodePage(d, root, p, j.home)
		return nil, p
	}
	e := &Event{Path: j.name, Kind: j.kind, Slug: j.slug, Bundle: j.bundle != "", BundleDir: j.bundle, Body: parts.Body, BodyLine: parts.BodyLine, Hash: hash}
	decodeEvent(d, root, site, e)
	return e, nil
}

// readFrontMatter checks that src is text, splits it and parses its
// front matter; root is nil when it cannot (reported).
func readFrontMatter(errPath string, src []byte, errs *List) (parts *fileParts, d *decoder, root *yaml.Node) {
	fail := func(line, col int, format string, args ...any) {
		*errs = append(*errs, &Error{Path: errPath, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		fail(0, 0, "this is not a text file (it holds NUL bytes); Markdown files are UTF-8 text")
		return nil, nil, nil
	}
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		fail(line, col, "invalid UTF-8: save the file with UTF-8 encoding")
		return nil, nil, nil
	}
	parts, err := splitFile(src)
	if err != nil {
		line, msg := splitPos(err)
		fail(line, 0, "%s", msg)
		return nil, nil, nil
	}
	if len(parts.FrontMatter) > MaxFrontMatterSize {
		fail(frontMatterLine, 1, "front matter is %d KB; the limit is %d KB", len(parts.FrontMatter)>>10, MaxFrontMatterSize>>10)
		return nil, nil, nil
	}
	d = &decoder{path: errPath, lineOff: frontMatterLine - 1, errs: errs, oneDoc: "the front matter is one block of keys between two lines of ---"}
	return parts, d, d.parse(parts.FrontMatter)
}

func invalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		switch {
		case r == '\n', r == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			// LF, CRLF (counted at its LF) and a lone CR end a line,
			// as splitFile counts them.
			line, col = line+1, 1
		case r == '\r' || r == '\ufeff' && i == 0:
			// The CR of a CRLF, or a byte order mark, takes no column.
		default:
			col++
		}
		i += size
	}
	return line, col
}

// attachDocuments checks that every document file exists in the bundle and
// records its size and type.
func (l *loader) attachDocuments(e *Event) {
	for _, d := range e.Documents {
		if d.File == "" {
			d.TypeKey = linkType(d.URL)
			continue
		}
		if !slices.Contains(e.Files, d.File) {
			l.errorf(e.Path, d.Line, d.Col, "document %q: file %q is not in the bundle folder %s/", d.Title, d.File, path.Join(l.opts.Dir, e.BundleDir))
			continue
		}
		name := path.Join(e.BundleDir, d.File)
		if r := l.attRefused[name]; r != nil {
			l.errorf(e.Path, d.Line, d.Col, "document %q: file %q %s (see the error on %s)", d.Title, d.File, r.reason, l.p(name))
		}
		d.Size = e.FileSizes[d.File]
		d.TypeKey = fileType(d.File)
	}
}

// DocumentTypes are the values of Document.TypeKey. The theme names
// each for readers: the i18n key doc_type_<key> ("PDF", "Word", "Web
// page"), so that the names are in the page's language.
var DocumentTypes = []string{"pdf", "word", "excel", "powerpoint", "odt", "ods", "odp", "csv", "txt", "image", "file", "web"}

// fileType returns the type key of an attachment, by its extension:
// the types an attachment may have (see Attachments), "file" for any
// other (refused, or without an extension).
func fileType(name string) string {
	switch ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), ".")); ext {
	case "pdf", "odt", "ods", "odp", "csv", "txt":
		return ext
	case "doc", "docx":
		return "word"
	case "xls", "xlsx":
		return "excel"
	case "ppt", "pptx":
		return "powerpoint"
	case "jpg", "jpeg", "png", "gif", "webp", "avif":
		return "image"
	}
	return "file"
}

// linkType returns the type key of a document given by url:.
func linkType(u string) string {
	if p := strings.ToLower(u); strings.HasSuffix(p, ".pdf") {
		return "pdf"
	}
	return "web"
}

// checkAttachments checks every attachment's size and type (sniff.go),
// on as many goroutines as there are CPUs, and records the refusals.
func (l *loader) checkAttachments(site *Site, files map[string][]string) {
	var names []string
	for bundle, list := range files {
		for _, f := range list {
			names = append(names, bundle+"/"+f)
		}
	}
	refused := make([]*refusal, len(names))
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for i, name := range names {
		g.Go(func() error {
			refused[i] = l.checkAttachment(site, name)
			return nil
		})
	}
	g.Wait()
	l.attRefused = map[string]*refusal{}
	for i, name := range names {
		if r := refused[i]; r != nil {
			l.attRefused[name] = r
			l.errorf(name, 0, 0, "attachment %q %s; %s", path.Base(name), r.reason, r.advice)
		}
	}
}

// checkAttachment returns why the attachment name cannot be published, or
// nil. Errors reading it are reported here.
func (l *loader) checkAttachment(site *Site, name string) *refusal {
	info := l.attInfo[name]
	if info.Size() > site.MaxAttachmentSize {
		return &refusal{fmt.Sprintf("is %s; the limit is %d MB", megabytes(info.Size()), site.MaxAttachmentSize>>20),
			"make it smaller (compress the images of a PDF, split a long report), publish it elsewhere and link to it with url:, or raise attachments.max_size_mb in site.yaml"}
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		l.errorf(name, 0, 0, "cannot read: %v", unwrapPathErr(err))
		return nil
	}
	defer f.Close()
	// What was opened must be what the walk saw: not a file swapped in
	// since, nor one grown past the limit.
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != info.Size() {
		l.errorf(name, 0, 0, "the file changed while it was being checked; run the command again")
		return nil
	}
	s := sniffer{r: f, size: st.Size()}
	if at, ok := f.(io.ReaderAt); ok {
		s.at = at
	}
	r, err := checkType(name, s)
	if err != nil {
		l.errorf(name, 0, 0, "cannot read: %v", unwrapPathErr(err))
		return nil
	}
	return r
}

// megabytes writes a size for a reader: "3.2 MB".
func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
