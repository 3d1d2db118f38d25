package devserver

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/iom-cso/archive/generator/content"
)

// fileCache is the content folder as the builds read it, kept in memory:
// the watcher knows which paths changed, so a rebuild reads from disk only
// those, instead of opening and reading every file of a 10,000-event
// archive again. Forget drops what a batch of changes touched; everything
// else is served from memory, files and folder listings alike.
//
// Reads go through the wrapped file system (an os.Root for "archive
// serve"), so its rules (nothing outside the folder) hold. The cache holds
// at most maxCacheBytes; larger files and files beyond that are read from
// disk each time.
//
// A cancelled build may still be reading while the next one runs. What a
// read finds is kept only if nothing was forgotten while it went on (gen
// did not move), so that bytes read before a change never outlive it.
type fileCache struct {
	mu    sync.Mutex
	fsys  fs.FS
	gen   uint64 // counts forget and reset calls
	files map[string]*cachedFile
	dirs  map[string][]fs.DirEntry
	bytes int64
}

type cachedFile struct {
	data []byte
	info fs.FileInfo
}

const (
	// maxCachedFile is the largest file a build reads whole: larger
	// ones (attachments, which the build only sniffs and which are
	// served as streams) would fill the cache for little gain.
	maxCachedFile = content.MaxFileSize
	maxCacheBytes = 1 << 30
)

func newFileCache(fsys fs.FS) *fileCache {
	return &fileCache{fsys: fsys, files: map[string]*cachedFile{}, dirs: map[string][]fs.DirEntry{}}
}

// forget drops the cached files and listings that a change of the given
// paths (slash-separated, relative to the folder; "." for all) may have
// made stale: the paths, everything below them, and their folders'
// listings.
func (c *fileCache) forget(paths []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, p := range paths {
		if p == "." {
			c.files, c.dirs, c.bytes = map[string]*cachedFile{}, map[string][]fs.DirEntry{}, 0
			return
		}
		below := p + "/"
		for name, f := range c.files {
			if name == p || strings.HasPrefix(name, below) {
				c.bytes -= int64(len(f.data))
				delete(c.files, name)
			}
		}
		for name := range c.dirs {
			if name == p || strings.HasPrefix(name, below) {
				delete(c.dirs, name)
			}
		}
		delete(c.dirs, path.Dir(p))
	}
}

// reset makes fsys the folder read from, forgetting everything: the
// content folder was replaced on disk and opened again.
func (c *fileCache) reset(fsys fs.FS) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fsys, c.gen = fsys, c.gen+1
	c.files, c.dirs, c.bytes = map[string]*cachedFile{}, map[string][]fs.DirEntry{}, 0
}

// Open opens name, from memory when it is cached.
func (c *fileCache) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	cf, fsys, gen := c.lookup(name)
	if cf != nil {
		return &memFile{Reader: bytes.NewReader(cf.data), info: cf.info}, nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxCachedFile {
		return f, nil // folders and big files: as they are
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCachedFile+1))
	f.Close()
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(data)) > maxCachedFile {
		return fsys.Open(name)
	}
	// The size and time of what was read, not of what was stat'ed before.
	info = &sizedInfo{FileInfo: info, size: int64(len(data))}
	c.store(name, &cachedFile{data: data, info: info}, gen)
	return &memFile{Reader: bytes.NewReader(data), info: info}, nil
}

// ReadFile returns a copy of name's contents, as fs.ReadFileFS requires.
func (c *fileCache) ReadFile(name string) ([]byte, error) {
	f, err := c.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if mf, ok := f.(*memFile); ok {
		return mf.bytes(), nil // a copy
	}
	return io.ReadAll(f)
}

// Stat returns name's file information.
func (c *fileCache) Stat(name string) (fs.FileInfo, error) {
	cf, fsys, _ := c.lookup(name)
	if cf != nil {
		return cf.info, nil
	}
	return fs.Stat(fsys, name)
}

// Lstat returns name's file information without following a final
// symbolic link, from the folder itself: the build and the server check
// with it that a file has not become a link (fs.ReadLinkFS).
func (c *fileCache) Lstat(name string) (fs.FileInfo, error) {
	return fs.Lstat(c.fsys, name)
}

// ReadLink returns the destination of the symbolic link name.
func (c *fileCache) ReadLink(name string) (string, error) {
	return fs.ReadLink(c.fsys, name)
}

// ReadDir returns the listing of the folder name, sorted by name.
func (c *fileCache) ReadDir(name string) ([]fs.DirEntry, error) {
	c.mu.Lock()
	list, ok := c.dirs[name]
	fsys, gen := c.fsys, c.gen
	c.mu.Unlock()
	if ok {
		return slices.Clone(list), nil
	}
	list, err := fs.ReadDir(fsys, name)
	if err != nil {
		return list, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.dirs[name] = list
	}
	c.mu.Unlock()
	return slices.Clone(list), nil
}

// lookup returns the cached file name, or else the folder to read it from
// and the generation to store it under.
func (c *fileCache) lookup(name string) (*cachedFile, fs.FS, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[name], c.fsys, c.gen
}

// store keeps cf as name's contents, unless something was forgotten since
// generation gen, when the read began.
func (c *fileCache) store(name string, cf *cachedFile, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if old := c.files[name]; old != nil {
		c.bytes -= int64(len(old.data))
	}
	if c.bytes+int64(len(cf.data)) > maxCacheBytes {
		delete(c.files, name)
		return
	}
	c.files[name] = cf
	c.bytes += int64(len(cf.data))
}

// relPaths turns the absolute paths of a batch of changes into paths of
// the folder at root, dropping those outside it.
func relPaths(root string, abs []string) []string {
	var out []string
	for _, p := range abs {
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// memFile is an open cached file.
type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

func (f *memFile) bytes() []byte {
	b := make([]byte, f.Size())
	_, _ = f.ReadAt(b, 0)
	return b
}

// sizedInfo is a FileInfo with the size of the bytes actually read.
type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i *sizedInfo) Size() int64 { return i.size }
