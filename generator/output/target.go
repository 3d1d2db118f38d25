package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Options says which folders Write must keep clear of and how it tells its
// caller that it waits for another build. The zero value protects nothing
// beyond the rules every output folder follows (see the package comment).
type Options struct {
	// Protect lists folders the output folder may never be, contain or
	// lie inside: the content folder and the theme folder.
	Protect []Protected
	// Waiting, when set, is called once if another build holds the
	// output folder's lock, before Write starts waiting for it.
	Waiting func()
}

// Protected is a folder the output folder must keep clear of.
type Protected struct {
	// Dir is its path, quoted as given in messages.
	Dir string
	// What names it in messages: "content folder".
	What string
}

// TargetError reports an output folder that Write refuses to replace.
// Nothing was touched.
type TargetError struct {
	// Dir is the output folder as the caller gave it.
	Dir string
	// Reason says what is wrong with it and what to do, for a person.
	Reason string
}

func (e *TargetError) Error() string { return "output folder " + e.Dir + ": " + e.Reason }

// Check returns the error Write would return for dir before taking its
// lock, touching nothing: for a caller that wants to know before a long
// build. Write checks again, in full, under the lock.
func (o Options) Check(dir string) error {
	t, err := o.target(dir)
	if err != nil {
		return err
	}
	_, err = t.inspect(false)
	return err
}

// target is an output folder, resolved.
type target struct {
	given string // as the caller gave it, for messages
	near  string // the state folder as a path beside given, for messages
	dir   string // absolute, symbolic links in its existing part resolved
	state string // the hidden folder beside dir: lock, record, trees in flight
}

func (t *target) refuse(format string, a ...any) error {
	return &TargetError{Dir: t.given, Reason: fmt.Sprintf(format, a...)}
}

// target resolves dir and applies the rules that need no lock: not the
// root, not a symbolic link or a file, clear of every protected folder.
func (o Options) target(dir string) (*target, error) {
	t := &target{given: dir}
	if dir == "" {
		return nil, t.refuse("no folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	if isRoot(abs) {
		return nil, t.refuse("it is the root of the file system; give a folder of its own, for example public")
	}
	switch st, err := os.Lstat(abs); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, t.refuse("it is a symbolic link; give the folder it points to, or remove the link")
	case st.Mode().IsRegular():
		return nil, t.refuse("it is a file, not a folder")
	case !st.IsDir():
		return nil, t.refuse("it is not a folder")
	}
	if t.dir, err = realPath(abs); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	if isRoot(t.dir) {
		return nil, t.refuse("it is the root of the file system (that is %s); give a folder of its own, for example public", t.dir)
	}
	t.state = filepath.Join(filepath.Dir(t.dir), "."+filepath.Base(t.dir)+".archive")
	t.near = filepath.Join(filepath.Dir(filepath.Clean(dir)), filepath.Base(t.state))
	for _, p := range o.Protect {
		if err := t.keepClear(p); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func isRoot(p string) bool { return filepath.Dir(p) == p }

// realPath resolves the symbolic links in the longest existing part of
// the absolute path abs; the rest does not exist yet, so it holds none.
func realPath(abs string) (string, error) {
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || isRoot(p) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// keepClear refuses an output folder that is, contains or lies inside p.
// Paths are compared as text and as file identities, so that a second
// name for one folder (a bind mount, a case-insensitive file system) is
// caught too.
func (t *target) keepClear(p Protected) error {
	abs, err := filepath.Abs(p.Dir)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing there to lose
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", p.What, p.Dir, err)
	}
	pst, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("%s %s: %w", p.What, p.Dir, err)
	}
	ost, oerr := os.Stat(t.dir)
	switch {
	case real == t.dir || oerr == nil && os.SameFile(ost, pst):
		return t.refuse("it is the %s; give a folder of its own, for example public", p.What)
	case inside(real, t.dir) || oerr == nil && under(real, ost):
		return t.refuse("it contains the %s %s; give a folder of its own, for example public", p.What, p.Dir)
	case inside(t.dir, real) || under(t.dir, pst):
		return t.refuse("it lies inside the %s %s; give a folder outside it, for example public beside it", p.What, p.Dir)
	}
	return nil
}

// inside reports whether the path p lies below the folder dir.
func inside(p, dir string) bool {
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// under reports whether one of the existing ancestors of p is the folder
// st.
func under(p string, st fs.FileInfo) bool {
	for p = filepath.Dir(p); ; p = filepath.Dir(p) {
		if s, err := os.Stat(p); err == nil && os.SameFile(s, st) {
			return true
		}
		if isRoot(p) {
			return false
		}
	}
}

// found is what inspect learned about an output folder it accepts.
type found struct {
	exists bool  // there is a folder to swap with
	tree   *tree // the record's entry for it; nil for an empty folder
}

// osLitter is what file browsers leave in a folder someone looked at; it
// is never anyone's data.
var osLitter = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

// inspect applies the rules that depend on what the folder holds: absent,
// empty, or archive's own by its record. full adds a walk of the whole
// folder for repositories nested in it (see repositoryName); Write makes
// it under the lock.
func (t *target) inspect(full bool) (found, error) {
	st, err := os.Lstat(t.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return found{}, nil
	case err != nil:
		return found{}, fmt.Errorf("output folder %s: %w", t.given, err)
	case !st.IsDir():
		return found{}, t.refuse("it is not a folder")
	}
	for _, name := range []string{".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(t.dir, name)); err == nil {
			return found{}, t.refuse("it holds %s: it is a repository or a Go module, not an output folder; give a folder of its own, for example public", name)
		}
	}
	entries, err := os.ReadDir(t.dir)
	if err != nil {
		return found{}, fmt.Errorf("output folder %s: %w", t.given, err)
	}
	var names []string
	for _, e := range entries {
		if !osLitter[e.Name()] {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return found{exists: true}, nil
	}
	recordPath := filepath.Join(t.near, "record")
	rec, err := readRecord(filepath.Join(t.state, "record"))
	if errors.Is(err, fs.ErrNotExist) {
		return found{}, t.refuse("archive did not write it: it holds %s, and there is no record of an archive build beside it (%s). "+
			"If it is the output of an archive build from before such records, delete it once and build again; otherwise choose another output folder",
			someNames(names), recordPath)
	}
	if err != nil {
		return found{}, t.refuse("%v; if the folder holds only a built site, delete it and %s, then build again", err, t.near)
	}
	id := folderID(t.dir)
	var match *tree
	var extra []string
	replaced := true
	for i := range rec {
		tr := &rec[i]
		if tr.id != "" && id != "" && tr.id != id {
			continue
		}
		replaced = false
		if x := tr.extra(names); len(x) == 0 {
			match = tr
			break
		} else if extra == nil {
			extra = x
		}
	}
	switch {
	case replaced:
		return found{}, t.refuse("it is not the folder archive built there last: it was deleted and made again since. "+
			"If it holds only a built site, delete it and build again; otherwise choose another output folder (%s is the record)", recordPath)
	case match == nil:
		return found{}, t.refuse("it holds %s, which archive did not write there; a build replaces the whole folder, so first move %s elsewhere, or choose another output folder",
			someNames(extra), plural(len(extra), "it", "them"))
	}
	if full {
		if p, ok := nestedRepository(t.dir); ok {
			return found{}, t.refuse("it holds %s, which marks a repository or a Go module; archive never replaces a folder that holds one", p)
		}
	}
	return found{exists: true, tree: match}, nil
}

// nestedRepository finds a .git or go.mod anywhere below dir.
func nestedRepository(dir string) (string, bool) {
	var hit string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: the removal will say so
		}
		if _, ok := repositoryName(d.Name()); ok && p != dir {
			rel, _ := filepath.Rel(dir, p)
			hit = filepath.ToSlash(rel)
			return filepath.SkipAll
		}
		return nil
	})
	return hit, hit != ""
}

// someNames lists up to three names for a message.
func someNames(names []string) string {
	const most = 3
	var b strings.Builder
	for i, n := range names {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(names)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	return b.String()
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// A tree is one folder archive put in place, as its record lists it.
type tree struct {
	id    string   // folderID, "" where the system gives none
	names []string // its top-level names, sorted
}

// extra returns the names that are not the tree's.
func (tr *tree) extra(names []string) []string {
	own := map[string]bool{}
	for _, n := range tr.names {
		own[n] = true
	}
	var x []string
	for _, n := range names {
		if !own[n] {
			x = append(x, n)
		}
	}
	return x
}

// recordHeader is the first line of a record; the number is its version.
const recordHeader = "archive output record 1"

// writeRecord replaces the record with the given trees (nil ones left
// out). The new record is written beside and renamed over the old, so a
// record is always whole.
func (t *target) writeRecord(trees ...*tree) error {
	var b strings.Builder
	b.WriteString(recordHeader + "\n")
	for _, tr := range trees {
		if tr == nil {
			continue
		}
		id := tr.id
		if id == "" {
			id = "-"
		}
		b.WriteString("tree " + id + "\n")
		for _, n := range tr.names {
			b.WriteString(strconv.Quote(n) + "\n")
		}
	}
	next, rec := filepath.Join(t.state, "record.new"), filepath.Join(t.state, "record")
	err := step("record", func() error {
		if err := os.WriteFile(next, []byte(b.String()), 0o644); err != nil {
			return err
		}
		return os.Rename(next, rec)
	})
	if err != nil {
		return fmt.Errorf("output folder %s: cannot write its record: %w", t.given, err)
	}
	return nil
}

// readRecord parses the record at path.
func readRecord(path string) ([]tree, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0] != recordHeader {
		return nil, fmt.Errorf("%s is not a record archive wrote (its first line is not %q)", path, recordHeader)
	}
	var trees []tree
	for i, line := range lines[1:] {
		if id, ok := strings.CutPrefix(line, "tree "); ok {
			if id == "-" {
				id = ""
			}
			trees = append(trees, tree{id: id})
			continue
		}
		name, err := strconv.Unquote(line)
		if err != nil || len(trees) == 0 {
			return nil, fmt.Errorf("%s:%d: damaged record", path, i+2)
		}
		trees[len(trees)-1].names = append(trees[len(trees)-1].names, name)
	}
	return trees, nil
}

// clean removes what killed builds left, under the lock. A build killed
// between the two renames of the fallback swap left no folder and the
// previous site in old-N: that site is put back first.
func (t *target) clean() error {
	entries, err := os.ReadDir(t.state)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(t.dir); errors.Is(err, fs.ErrNotExist) {
		var olds []string
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "old-") && e.IsDir() {
				olds = append(olds, filepath.Join(t.state, e.Name()))
			}
		}
		if len(olds) == 1 {
			if err := step("restore", func() error { return os.Rename(olds[0], t.dir) }); err != nil {
				return err
			}
			if entries, err = os.ReadDir(t.state); err != nil {
				return err
			}
		}
	}
	var left []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, "new-") || strings.HasPrefix(n, "old-") || n == "record.new" {
			left = append(left, filepath.Join(t.state, n))
		}
	}
	// The temporary folders of versions before the record: .public.new-N
	// and .public.new-N.old beside the folder, N the digits of
	// os.MkdirTemp.
	parent := filepath.Dir(t.dir)
	legacy := regexp.MustCompile(`^\.` + regexp.QuoteMeta(filepath.Base(t.dir)) + `\.new-[0-9]+(\.old)?$`)
	siblings, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range siblings {
		if e.IsDir() && legacy.MatchString(e.Name()) {
			left = append(left, filepath.Join(parent, e.Name()))
		}
	}
	for _, p := range left {
		if err := step("clean", func() error { return removeTree(p) }); err != nil {
			return err
		}
	}
	return nil
}

// beforeStep runs before each step of Write that changes the file system
// outside its temporary tree, with the step's name: "clean", "restore",
// "record", "exchange", "aside", "into", "remove". Tests replace it to
// delay a step (block), fail it (return an error in place of the
// system's) or stop the process there (exit).
var beforeStep = func(name string) error { return nil }

func step(name string, do func() error) error {
	if err := beforeStep(name); err != nil {
		return err
	}
	return do()
}
