package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/iom-cso/archive/internal/editorfiles"
)

// Limits on a theme's files. A theme folder comes with the repository, as
// the content does, and is read under the same rules: everything Load keeps
// is held in memory and published.
const (
	// MaxFileSize is the largest layout or i18n file, in bytes.
	MaxFileSize = 4 << 20
	// MaxAssetSize is the largest asset (a stylesheet, a script, an image,
	// a font), in bytes.
	MaxAssetSize = 10 << 20
	// MaxTotalSize bounds the layouts, assets and i18n files together, in bytes.
	MaxTotalSize = 50 << 20
)

// folders are the parts of a theme that Load reads, in the order of their
// names; nothing else in a theme folder is ever opened.
var folders = []string{"assets", "i18n", "layouts"}

// FileError is a problem with one file or folder of a theme.
type FileError struct {
	// Path names the file as the author knows it: Options.Dir joined with
	// its path in the theme ("themes/plain/assets/logo.png").
	Path string
	// Line and Col, from 1 (Col in characters), place the problem in the
	// file when it has a place; 0 when it is about the whole file.
	Line, Col int
	Msg       string
}

// Error formats the problem as path: message, or path:line:col: message.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// Errors is every problem found in a theme's files, in the order of their
// paths, so that one run shows everything to fix.
type Errors []*FileError

// Error returns the problems one per line.
func (l Errors) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

const linkMsg = "symbolic links are not followed: replace the link with the file or folder itself"

// reader reads a theme's files: scan lists them without opening any, read
// opens one of those listed, and digest sums everything read.
type reader struct {
	fsys   fs.FS
	dir    string           // the theme folder as messages name it
	sizes  map[string]int64 // every regular file of the theme's folders, by path in the theme
	errs   Errors
	digest hash.Hash
}

func (r *reader) fail(name, format string, args ...any) {
	r.errs = append(r.errs, &FileError{Path: path.Join(r.dir, name), Msg: fmt.Sprintf(format, args...)})
}

// limit is the size limit of the file name.
func limit(name string) (int64, string) {
	if strings.HasPrefix(name, "assets/") {
		return MaxAssetSize, "an asset"
	}
	return MaxFileSize, "a layout or an i18n file"
}

// hidden reports names that are never part of a theme: what editors and
// systems leave beside real files, by the rule the content reader follows
// (editorfiles.Ignored: dot files such as .DS_Store and Emacs' lock files
// .#name, which are links to nowhere, backups name~, swap files) and
// folders such as .git. They are neither read nor published.
func hidden(name string) bool { return editorfiles.Ignored(path.Base(name)) }

// scan lists the regular files of the theme's folders. It refuses symbolic
// links (never followed, wherever they lead), named pipes, devices and
// sockets (never opened: opening a pipe blocks) and files over the limits,
// from what the folder listing says, before anything is opened.
func scan(fsys fs.FS, dir string) *reader {
	if dir == "" {
		dir = "theme"
	}
	r := &reader{fsys: fsys, dir: dir, sizes: map[string]int64{}, digest: sha256.New()}
	var total int64
	for _, top := range folders {
		st, err := fs.Lstat(fsys, top)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			r.fail(top, "cannot read: %v", unwrapPathErr(err))
			continue
		case st.Mode()&fs.ModeSymlink != 0:
			r.fail(top, "%s", linkMsg)
			continue
		case !st.IsDir():
			r.fail(top, "not a folder: a theme's %s/ is a folder", top)
			continue
		}
		err = fs.WalkDir(fsys, top, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				r.fail(name, "cannot read: %v", unwrapPathErr(err))
				if d != nil && d.IsDir() && name != top {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case name != top && hidden(name):
				if d.IsDir() {
					return fs.SkipDir
				}
			case d.Type()&fs.ModeSymlink != 0:
				r.fail(name, "%s", linkMsg)
			case d.IsDir():
			case !d.Type().IsRegular():
				r.fail(name, "not a regular file (a named pipe, a device or a socket): replace it with a file")
			default:
				info, err := d.Info()
				if err != nil {
					r.fail(name, "cannot read: %v", unwrapPathErr(err))
					return nil
				}
				if lim, what := limit(name); info.Size() > lim {
					r.fail(name, "file is %.1f MB; the limit for %s is %d MB", float64(info.Size())/(1<<20), what, lim>>20)
					return nil
				}
				r.sizes[name] = info.Size()
				total += info.Size()
			}
			return nil
		})
		if err != nil {
			r.fail(top, "cannot read: %v", unwrapPathErr(err))
		}
	}
	if total > MaxTotalSize {
		r.errs = append(r.errs, &FileError{Path: dir, Msg: fmt.Sprintf("the theme's files add up to %.1f MB; the limit is %d MB: move big files (videos, archives) out of the theme", float64(total)/(1<<20), MaxTotalSize>>20)})
	}
	slices.SortStableFunc(r.errs, func(a, b *FileError) int { return strings.Compare(a.Path, b.Path) })
	return r
}

// has reports whether scan listed the file name.
func (r *reader) has(name string) bool {
	_, ok := r.sizes[name]
	return ok
}

// list returns the files scan listed whose path matches pattern, sorted;
// a pattern ending in "/" matches everything below that folder.
func (r *reader) list(pattern string) []string {
	var out []string
	for name := range r.sizes {
		ok, _ := path.Match(pattern, name)
		if ok || strings.HasSuffix(pattern, "/") && strings.HasPrefix(name, pattern) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// read returns the bytes of a file scan listed, or records why not. The
// file is looked at again before it is opened, and once open it must be
// the same regular file within the limit: a file swapped for a link or a
// bigger one since scan is refused, not read.
func (r *reader) read(name string) ([]byte, bool) {
	lim, _ := limit(name)
	changed := func() ([]byte, bool) {
		r.fail(name, "the file changed while it was being read (it became a link, a special file or bigger than %d MB); run again", lim>>20)
		return nil, false
	}
	if !r.has(name) {
		r.fail(name, "cannot read: %v", fs.ErrNotExist)
		return nil, false
	}
	before, err := fs.Lstat(r.fsys, name)
	if err != nil {
		r.fail(name, "cannot read: %v", unwrapPathErr(err))
		return nil, false
	}
	if !before.Mode().IsRegular() || before.Size() > lim {
		return changed()
	}
	f, err := r.fsys.Open(name)
	if err != nil {
		r.fail(name, "cannot read: %v", unwrapPathErr(err))
		return nil, false
	}
	defer f.Close()
	after, err := f.Stat()
	if err != nil {
		r.fail(name, "cannot read: %v", unwrapPathErr(err))
		return nil, false
	}
	if !after.Mode().IsRegular() || after.Size() > lim || !sameFile(before, after) {
		return changed()
	}
	var b bytes.Buffer
	b.Grow(int(after.Size()) + 1)
	if _, err := b.ReadFrom(io.LimitReader(f, lim+1)); err != nil {
		r.fail(name, "cannot read: %v", unwrapPathErr(err))
		return nil, false
	}
	if int64(b.Len()) > lim {
		return changed()
	}
	r.sum(name, b.Bytes())
	return b.Bytes(), true
}

// sum adds a file's name and bytes to the digest, each preceded by its
// length so that no two sequences of files sum the same.
func (r *reader) sum(name string, data []byte) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(name)))
	r.digest.Write(n[:])
	io.WriteString(r.digest, name)
	binary.LittleEndian.PutUint64(n[:], uint64(len(data)))
	r.digest.Write(n[:])
	r.digest.Write(data)
}

// sameFile reports whether two descriptions are of one file: by device and
// inode for files on disk, and for other file systems (embedded, in
// memory), which have no identity to compare, by mode, size and time.
func sameFile(a, b fs.FileInfo) bool {
	if a.Sys() != nil || b.Sys() != nil {
		return os.SameFile(a, b)
	}
	return a.Mode() == b.Mode() && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
