// Package themes embeds the default theme, so that the archive binary builds
// a site anywhere, even outside the repository, and finds the theme a site
// names: the one place that decides which files a theme is read from.
package themes

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/iom-cso/archive/generator/theme"
)

//go:embed all:default
var embedded embed.FS

// defaultTheme is one value, so that a caller can tell the embedded theme
// from a folder by comparing with Default().
var defaultTheme = func() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder exists
	}
	return sub
}()

// Default returns the default theme's files, rooted at the theme folder.
func Default() fs.FS { return defaultTheme }

// Dir returns the folder of the theme called name for the content folder
// contentDir: themes/<name> beside it.
func Dir(contentDir, name string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(contentDir)), "themes", name)
}

// Resolve finds the theme called name for the content folder contentDir.
// The folder Dir(contentDir, name) is the theme when it has a layouts/
// entry (so theme edits apply without recompiling); it is opened with
// os.OpenRoot, so that no read leaves it, and generator/theme refuses the
// links and special files inside it. Otherwise "default" is the embedded
// theme. dir is the folder the theme is read from, "" for the embedded one.
//
// The themes folder and the theme folder themselves must not be symbolic
// links: a link is refused, never followed, and never silently replaced by
// the embedded theme. Those problems, and a theme that is not found, are
// theme.Errors naming the folder.
func Resolve(contentDir, name string) (fsys fs.FS, dir string, err error) {
	dir, err = folder(contentDir, name)
	switch {
	case err != nil:
		return nil, "", err
	case dir != "":
		fsys, err := open(dir)
		if err != nil {
			return nil, "", err
		}
		return fsys, dir, nil
	case name == "default":
		return Default(), "", nil
	}
	return nil, "", refuse(Dir(contentDir, name), "no such theme: site.yaml names the theme %q, which would be this folder with layouts/ in it; create it, or say theme: default", name)
}

// Folder returns the folder Resolve reads the theme called name from, or ""
// when it reads none (the embedded theme, or a theme it refuses).
func Folder(contentDir, name string) string {
	dir, err := folder(contentDir, name)
	if err != nil {
		return ""
	}
	return dir
}

// folder returns the theme's folder, "" when there is none, or why it
// cannot be used. Lstat, not Stat: a link is seen as a link.
func folder(contentDir, name string) (string, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return "", theme.Errors{{Path: filepath.ToSlash(filepath.Join(contentDir, "site.yaml")), Msg: fmt.Sprintf("theme %q: give a theme name, the folder under themes/", name)}}
	}
	dir := Dir(contentDir, name)
	themesDir := filepath.Dir(dir)
	if st, err := os.Lstat(themesDir); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return "", refuse(themesDir, "the themes folder is a symbolic link; symbolic links are not followed: replace the link with the folder itself")
	}
	st, err := os.Lstat(dir)
	switch {
	case err != nil:
		return "", nil
	case st.Mode()&fs.ModeSymlink != 0:
		return "", refuse(dir, "the theme folder is a symbolic link; symbolic links are not followed: replace the link with the folder itself")
	case !st.IsDir():
		return "", nil
	}
	if _, err := os.Lstat(filepath.Join(dir, "layouts")); err != nil {
		return "", nil
	}
	return dir, nil
}

// open opens the theme folder dir as a root, and makes sure that it is the
// folder folder looked at, not a link put in its place since.
func open(dir string) (fs.FS, error) {
	before, err := os.Lstat(dir)
	if err != nil {
		return nil, refuse(dir, "cannot read: %v", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, refuse(dir, "cannot read: %v", err)
	}
	after, err := root.Stat(".")
	if err != nil || !os.SameFile(before, after) {
		root.Close()
		return nil, refuse(dir, "the theme folder changed while it was being opened (it became a link); run again")
	}
	// The root stays open as long as the file system is in use: the
	// garbage collector closes it after the build.
	return root.FS(), nil
}

func refuse(dir, format string, args ...any) error {
	return theme.Errors{{Path: filepath.ToSlash(dir), Msg: fmt.Sprintf(format, args...)}}
}
