package theme

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// Bounds of a hostile theme, as for hostile content (see
// generator/check_hostile_test.go): generous, so that what they catch is a
// hang, or a refused file read anyway, not a slow machine.
const (
	hostileTime  = time.Minute // markdown's hangTime says why a minute
	hostileAlloc = 16 << 20    // bytes allocated in all by one Load
)

const secret = "SECRET-DEPLOY-TOKEN-7f3a"

// writeTheme writes a small valid theme into dir.
func writeTheme(t *testing.T, dir string) {
	t.Helper()
	for name, data := range map[string]string{
		"layouts/_base.html":          `<!DOCTYPE html><title>{{block "title" .}}{{end}}</title>{{template "main" .}}`,
		"layouts/partials/greet.html": `{{T "hello" .}}`,
		"layouts/page.html":           `{{define "main"}}{{template "greet" .}} <link href="{{asset "css/site.css"}}">{{end}}`,
		"assets/css/site.css":         "body{}",
		"assets/img/logo.svg":         "<svg/>",
		"i18n/en.yaml":                testStrings,
	} {
		mkfile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(data))
	}
}

const testStrings = `hello: "Hello, %s"
events: {one: "%d event", other: "%d events"}
month_1: January
month_2: February
month_3: March
month_4: April
month_5: May
month_6: June
month_7: July
month_8: August
month_9: September
month_10: October
month_11: November
month_12: December
day_1: "1"
date: "%[1]d %[2]s %[3]d"
date_range_days: "%[1]d–%[2]d %[3]s %[4]d"
date_range_months: "%[1]d %[2]s – %[3]d %[4]s %[5]d"
date_range_years: "%[1]s – %[2]s"
size_bytes: {one: "%d byte", other: "%d bytes"}
size_kb: "%d KB"
size_mb: "%s MB"
decimal_separator: "."
chart_tip: "%[1]s: %[2]d"
chart_tip_series: "%[1]s: %[2]d × %[3]s"
`

func mkfile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// sparse makes a file of size bytes that takes no room on disk.
func sparse(t *testing.T, name string, size int64) {
	t.Helper()
	mkfile(t, name, nil)
	if err := os.Truncate(name, size); err != nil {
		t.Fatal(err)
	}
}

// hostileCase is one hostile theme: setup spoils a valid theme in dir
// (themes/hostile), and Load must fail with an error at path (relative to
// the theme folder) that says want.
type hostileCase struct {
	name  string
	setup func(t *testing.T, dir, outside string)
	path  string
	want  string
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{"asset linked to a file outside", func(t *testing.T, dir, outside string) {
			symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(dir, "assets", "secret.txt"))
		}, "assets/secret.txt", "symbolic links are not followed"},
		{"asset linked to the process environment", func(t *testing.T, dir, outside string) {
			if _, err := os.Stat("/proc/self/environ"); err != nil {
				t.Skip("no /proc/self/environ here")
			}
			symlink(t, "/proc/self/environ", filepath.Join(dir, "assets", "env.txt"))
		}, "assets/env.txt", "symbolic links are not followed"},
		{"image linked to /etc/passwd", func(t *testing.T, dir, outside string) {
			symlink(t, "/etc/passwd", filepath.Join(dir, "assets", "img", "photo.png"))
		}, "assets/img/photo.png", "symbolic links are not followed"},
		{"asset linked inside the theme", func(t *testing.T, dir, outside string) {
			symlink(t, "site.css", filepath.Join(dir, "assets", "css", "copy.css"))
		}, "assets/css/copy.css", "symbolic links are not followed"},
		{"assets folder linked outside", func(t *testing.T, dir, outside string) {
			if err := os.RemoveAll(filepath.Join(dir, "assets")); err != nil {
				t.Fatal(err)
			}
			symlink(t, outside, filepath.Join(dir, "assets"))
		}, "assets", "symbolic links are not followed"},
		{"layouts folder linked outside", func(t *testing.T, dir, outside string) {
			writeTheme(t, filepath.Join(outside, "other"))
			if err := os.RemoveAll(filepath.Join(dir, "layouts")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, "other", "layouts"), filepath.Join(dir, "layouts"))
		}, "layouts", "symbolic links are not followed"},
		{"partials folder linked outside", func(t *testing.T, dir, outside string) {
			writeTheme(t, filepath.Join(outside, "other"))
			if err := os.RemoveAll(filepath.Join(dir, "layouts", "partials")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, "other", "layouts", "partials"), filepath.Join(dir, "layouts", "partials"))
		}, "layouts/partials", "symbolic links are not followed"},
		{"layout linked to a file outside", func(t *testing.T, dir, outside string) {
			symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(dir, "layouts", "event.html"))
		}, "layouts/event.html", "symbolic links are not followed"},
		{"base layout linked outside", func(t *testing.T, dir, outside string) {
			mkfile(t, filepath.Join(outside, "base.html"), []byte(`{{template "main" .}}`+secret))
			if err := os.Remove(filepath.Join(dir, "layouts", "_base.html")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, "base.html"), filepath.Join(dir, "layouts", "_base.html"))
		}, "layouts/_base.html", "symbolic links are not followed"},
		{"strings linked outside", func(t *testing.T, dir, outside string) {
			mkfile(t, filepath.Join(outside, "en.yaml"), []byte(testStrings+"secret: "+secret+"\n"))
			if err := os.Remove(filepath.Join(dir, "i18n", "en.yaml")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, "en.yaml"), filepath.Join(dir, "i18n", "en.yaml"))
		}, "i18n/en.yaml", "symbolic links are not followed"},
		{"link loop", func(t *testing.T, dir, outside string) {
			symlink(t, "loop", filepath.Join(dir, "assets", "loop"))
		}, "assets/loop", "symbolic links are not followed"},
		{"links in a circle", func(t *testing.T, dir, outside string) {
			symlink(t, "b.css", filepath.Join(dir, "assets", "css", "a.css"))
			symlink(t, "a.css", filepath.Join(dir, "assets", "css", "b.css"))
		}, "assets/css/a.css", "symbolic links are not followed"},
		{"folder linked to its parent", func(t *testing.T, dir, outside string) {
			symlink(t, "..", filepath.Join(dir, "assets", "up"))
		}, "assets/up", "symbolic links are not followed"},
		{"asset over the limit", func(t *testing.T, dir, outside string) {
			sparse(t, filepath.Join(dir, "assets", "video.mp4"), MaxAssetSize+1)
		}, "assets/video.mp4", "file is 10.0 MB; the limit for an asset is 10 MB"},
		{"layout over the limit", func(t *testing.T, dir, outside string) {
			sparse(t, filepath.Join(dir, "layouts", "home.html"), 5<<20)
		}, "layouts/home.html", "file is 5.0 MB; the limit for a layout or an i18n file is 4 MB"},
		{"strings over the limit", func(t *testing.T, dir, outside string) {
			sparse(t, filepath.Join(dir, "i18n", "fr.yaml"), 5<<20)
		}, "i18n/fr.yaml", "file is 5.0 MB; the limit for a layout or an i18n file is 4 MB"},
		{"assets over the total", func(t *testing.T, dir, outside string) {
			for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
				sparse(t, filepath.Join(dir, "assets", "big", n+".bin"), 9<<20)
			}
		}, "", "the theme's files add up to 54.0 MB; the limit is 50 MB"},
	}
}

// TestHostileTheme: a theme folder, opened as the archive command opens
// it (os.OpenRoot), never makes Load read outside it, follow a link, open
// a device or read a file over the limits. Each refusal names the file as
// the author knows it, and nothing of the file outside reaches the theme.
func TestHostileTheme(t *testing.T) {
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			dir := filepath.Join(work, "themes", "hostile")
			outside := filepath.Join(work, "outside")
			mkfile(t, filepath.Join(outside, "secret.txt"), []byte(secret))
			writeTheme(t, dir)
			tt.setup(t, dir, outside)
			loadHostile(t, dir, tt.path, tt.want)
		})
	}
}

// loadHostile loads the theme in dir within the bounds and wants it refused
// with an error at path saying want.
func loadHostile(t *testing.T, dir, path, want string) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var th *Theme
	bounded(t, func() {
		th, err = Load(root.FS(), Options{Lang: "en", Dir: "themes/hostile"})
	})
	if err == nil {
		t.Fatalf("the theme loaded; files: %v", keys(th.Files()))
	}
	wantPath := "themes/hostile"
	if path != "" {
		wantPath += "/" + path
	}
	if !strings.Contains(err.Error(), wantPath+": "+want) {
		t.Errorf("error:\n%v\nwant a line %q", err, wantPath+": "+want)
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows the secret: %v", err)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k, v := range m {
		out = append(out, k)
		if bytes.Contains(v, []byte(secret)) {
			out = append(out, "(holds the secret)")
		}
	}
	return out
}

// bounded runs fn and fails the test if it takes longer than hostileTime
// or allocates more than hostileAlloc bytes.
func bounded(t *testing.T, fn func()) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(hostileTime):
		t.Fatalf("Load did not finish within %v", hostileTime)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > hostileAlloc {
		t.Errorf("Load allocated %.1f MB; the bound is %d MB", float64(alloc)/(1<<20), hostileAlloc>>20)
	}
}

// TestThemeFolderLoads: the valid theme the hostile cases start from
// loads from a folder, so that each of them fails for its own reason.
func TestThemeFolderLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "themes", "ok")
	writeTheme(t, dir)
	// Editors' lock files (Emacs makes .#name a dangling link) and other
	// hidden files are skipped, never opened.
	symlink(t, "user@host.1234", filepath.Join(dir, "layouts", ".#page.html"))
	mkfile(t, filepath.Join(dir, "assets", ".DS_Store"), []byte("junk"))
	mkfile(t, filepath.Join(dir, "assets", ".git", "config"), []byte("junk"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	th, err := Load(root.FS(), Options{Lang: "en", Dir: "themes/ok"})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(th.Files()); got != 2 {
		t.Errorf("assets: %v; want the two visible ones", keys(th.Files()))
	}
}

// swapFS is a MapFS whose files named in swap are replaced by other
// files between Lstat and Open, as if someone swapped them during a build.
type swapFS struct {
	fstest.MapFS
	swap map[string]string
}

func (s swapFS) Open(name string) (fs.File, error) {
	if to, ok := s.swap[name]; ok {
		name = to
	}
	return s.MapFS.Open(name)
}

// TestThemeFileSwapped: a file replaced by another one (a link to a
// secret, a bigger file) after the walk looked at it is refused when it is
// opened.
func TestThemeFileSwapped(t *testing.T) {
	base := func() fstest.MapFS {
		return fstest.MapFS{
			"layouts/_base.html": {Data: []byte(`{{template "main" .}}`)},
			"layouts/page.html":  {Data: []byte(`{{define "main"}}x{{end}}`)},
			"assets/a.css":       {Data: []byte("body{}")},
			"i18n/en.yaml":       {Data: []byte(testStrings)},
			"elsewhere/secret":   {Data: []byte(secret)},
			"elsewhere/big":      {Data: make([]byte, MaxFileSize+1)},
			"elsewhere/pipe":     {Data: []byte(secret), Mode: fs.ModeNamedPipe},
		}
	}
	for _, tt := range []struct{ name, file, to string }{
		{"asset swapped for another file", "assets/a.css", "elsewhere/secret"},
		{"layout swapped for a bigger file", "layouts/page.html", "elsewhere/big"},
		{"strings swapped for a pipe", "i18n/en.yaml", "elsewhere/pipe"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := swapFS{base(), map[string]string{tt.file: tt.to}}
			th, err := Load(fsys, Options{Lang: "en", Dir: "themes/x"})
			if err == nil {
				t.Fatalf("loaded; files %v", keys(th.Files()))
			}
			want := "themes/x/" + tt.file + ": the file changed while it was being read"
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q; want %q", err, want)
			}
		})
	}
}

// TestThemeErrorsListed: every refused file is reported at once, one
// line each, in the order of the paths.
func TestThemeErrorsListed(t *testing.T) {
	work := t.TempDir()
	dir := filepath.Join(work, "themes", "hostile")
	writeTheme(t, dir)
	symlink(t, "/etc/passwd", filepath.Join(dir, "assets", "img", "a.png"))
	symlink(t, "/etc/passwd", filepath.Join(dir, "layouts", "b.html"))
	sparse(t, filepath.Join(dir, "assets", "c.bin"), MaxAssetSize+1)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Load(root.FS(), Options{Lang: "en", Dir: "themes/hostile"})
	want := "themes/hostile/assets/c.bin: file is 10.0 MB; the limit for an asset is 10 MB\n" +
		"themes/hostile/assets/img/a.png: symbolic links are not followed: replace the link with the file or folder itself\n" +
		"themes/hostile/layouts/b.html: symbolic links are not followed: replace the link with the file or folder itself"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	var list Errors
	if !errors.As(err, &list) || len(list) != 3 || list[0].Path != "themes/hostile/assets/c.bin" {
		t.Errorf("errors: %#v", list)
	}
}
