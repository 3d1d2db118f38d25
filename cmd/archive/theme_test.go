package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iom-cso/archive/themes"
)

// A fake deploy token, put in the environment and in a file outside the
// theme: it must never reach the output, the terminal or public/.
const themeSecret = "ARCHIVE-FAKE-DEPLOY-TOKEN-5c1e9"

// hostileThemeSite writes, in a new folder, content/ with a valid event and
// a site.yaml that picks the theme "hostile", themes/hostile/ (a copy of
// the default theme) and outside/secret.txt beside them. It returns the
// folder.
func hostileThemeSite(t *testing.T) string {
	t.Helper()
	work := t.TempDir()
	writeSite(t, filepath.Join(work, "content"), map[string]string{
		"site.yaml":                      testSite + "theme: hostile\n",
		"annual-consultations/2013-a.md": "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n",
	})
	writeSite(t, filepath.Join(work, "outside"), map[string]string{"secret.txt": themeSecret + "\n"})
	if err := os.CopyFS(filepath.Join(work, "themes", "hostile"), themes.Default()); err != nil {
		t.Fatal(err)
	}
	return work
}

func linkOrSkip(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// hostileThemes are the ways a theme folder could make the archive read
// outside it; each must be refused with a message at path (in
// themes/hostile/) saying want.
var hostileThemes = []struct {
	name  string
	setup func(t *testing.T, theme, outside string)
	path  string
	want  string
}{
	{"asset linked to a secret outside", func(t *testing.T, theme, outside string) {
		linkOrSkip(t, filepath.Join("..", "..", "..", "outside", "secret.txt"), filepath.Join(theme, "assets", "secret.txt"))
	}, "assets/secret.txt", "symbolic links are not followed"},
	{"asset linked to the environment", func(t *testing.T, theme, outside string) {
		if _, err := os.Stat("/proc/self/environ"); err != nil {
			t.Skip("no /proc/self/environ here")
		}
		t.Setenv("ARCHIVE_FAKE_DEPLOY_TOKEN", themeSecret)
		linkOrSkip(t, "/proc/self/environ", filepath.Join(theme, "assets", "env.txt"))
	}, "assets/env.txt", "symbolic links are not followed"},
	{"image linked to /etc/passwd", func(t *testing.T, theme, outside string) {
		if _, err := os.Stat("/etc/passwd"); err != nil {
			t.Skip("no /etc/passwd here")
		}
		linkOrSkip(t, "/etc/passwd", filepath.Join(theme, "assets", "img", "photo.png"))
	}, "assets/img/photo.png", "symbolic links are not followed"},
	{"layouts folder linked outside", func(t *testing.T, theme, outside string) {
		// The layouts outside are valid and print the secret: followed,
		// the link would publish it on every page.
		moved := filepath.Join(outside, "layouts")
		if err := os.Rename(filepath.Join(theme, "layouts"), moved); err != nil {
			t.Fatal(err)
		}
		base := filepath.Join(moved, "_base.html")
		src, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(base, append(src, themeSecret...), 0o644); err != nil {
			t.Fatal(err)
		}
		linkOrSkip(t, moved, filepath.Join(theme, "layouts"))
	}, "layouts", "symbolic links are not followed"},
	{"asset over the limit", func(t *testing.T, theme, outside string) {
		name := filepath.Join(theme, "assets", "video.mp4")
		if err := os.WriteFile(name, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(name, 11<<20); err != nil { // sparse: no room on disk
			t.Fatal(err)
		}
	}, "assets/video.mp4", "file is 11.0 MB; the limit for an asset is 10 MB"},
	{"link loop", func(t *testing.T, theme, outside string) {
		linkOrSkip(t, "loop", filepath.Join(theme, "assets", "loop"))
	}, "assets/loop", "symbolic links are not followed"},
}

// TestHostileTheme: a theme folder beside content/ with a link out of it
// (to a secret, to the process's environment, to /etc/passwd), a linked
// layouts/ folder, a link loop or a file over the limits. The real binary
// refuses it in build and check, naming the file; build writes nothing,
// and the secret reaches neither the terminal nor the disk.
func TestHostileTheme(t *testing.T) {
	for _, tt := range hostileThemes {
		t.Run(tt.name, func(t *testing.T) {
			work := hostileThemeSite(t)
			tt.setup(t, filepath.Join(work, "themes", "hostile"), filepath.Join(work, "outside"))
			expectThemeRefused(t, work, "themes/hostile/"+tt.path+": "+tt.want)
		})
	}
}

// expectThemeRefused runs build and check (in each format) in work and
// wants them to fail with the message want, nothing written and no secret
// shown.
func expectThemeRefused(t *testing.T, work, want string) {
	t.Helper()
	passwd, _ := os.ReadFile("/etc/passwd")
	firstLine, _, _ := strings.Cut(string(passwd), "\n")
	leaks := func(what, s string) {
		t.Helper()
		if strings.Contains(s, themeSecret) || firstLine != "" && strings.Contains(s, firstLine) {
			// Not shown: it may hold the environment.
			t.Errorf("%s shows a file from outside the theme", what)
		}
	}
	before := tree(t, work)
	code, stdout, stderr := execArchive(t, work, "build")
	if code != 1 || !strings.Contains(stderr, "\n"+want) && !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("build: exit %d, stderr:\n%s\nwant exit 1 and a line %q", code, stderr, want)
	}
	leaks("build", stdout+stderr)
	_ = filepath.WalkDir(filepath.Join(work, "public"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(p)
			leaks("build wrote "+p+", which", string(data))
		}
		return nil
	})
	if diff := cmp.Diff(before, tree(t, work)); diff != "" {
		t.Errorf("build changed the file system (-before +after):\n%s", diff)
	}

	path, msg, _ := strings.Cut(want, ": ")
	code, stdout, stderr = execArchive(t, work, "check")
	if code != 1 || !strings.Contains(stdout, path+": error: "+msg) {
		t.Errorf("check: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 1 and %q", code, stdout, stderr, path+": error: "+msg)
	}
	leaks("check", stdout+stderr)

	code, stdout, stderr = execArchive(t, work, "check", "--format", "json")
	found := false
	for line := range strings.Lines(stdout) {
		var p jsonProblem
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Errorf("check --format json: %v: %q", err, line)
		}
		found = found || p.Path == path && strings.HasPrefix(p.Message, msg) && p.Severity == "error"
	}
	if code != 1 || !found {
		t.Errorf("check --format json: exit %d, stdout:\n%s\nwant a problem at %s saying %q", code, stdout, path, msg)
	}
	leaks("check --format json", stdout+stderr)

	code, stdout, _ = execArchive(t, work, "check", "--format", "github")
	if code != 1 || !strings.Contains(stdout, "::error file="+path+"::"+msg) {
		t.Errorf("check --format github: exit %d, stdout:\n%s\nwant an annotation on %s", code, stdout, path)
	}
	if diff := cmp.Diff(before, tree(t, work)); diff != "" {
		t.Errorf("check changed the file system (-before +after):\n%s", diff)
	}
}

// TestHostileThemeFolder: the theme folder itself, or the themes/ folder,
// being a link is refused too, rather than followed or silently replaced
// by the embedded theme.
func TestHostileThemeFolder(t *testing.T) {
	t.Run("theme folder", func(t *testing.T) {
		work := hostileThemeSite(t)
		if err := os.Rename(filepath.Join(work, "themes", "hostile"), filepath.Join(work, "outside", "theme")); err != nil {
			t.Fatal(err)
		}
		linkOrSkip(t, filepath.Join(work, "outside", "theme"), filepath.Join(work, "themes", "hostile"))
		expectThemeRefused(t, work, "themes/hostile: the theme folder is a symbolic link")
	})
	t.Run("themes folder", func(t *testing.T) {
		work := hostileThemeSite(t)
		if err := os.Rename(filepath.Join(work, "themes"), filepath.Join(work, "outside", "themes")); err != nil {
			t.Fatal(err)
		}
		linkOrSkip(t, filepath.Join(work, "outside", "themes"), filepath.Join(work, "themes"))
		expectThemeRefused(t, work, "themes: the themes folder is a symbolic link")
	})
}

// TestServeHostileTheme: serve reports a refused theme file in the
// terminal and in the browser's overlay, and serves nothing of it.
func TestServeHostileTheme(t *testing.T) {
	work := hostileThemeSite(t)
	linkOrSkip(t, filepath.Join(work, "outside", "secret.txt"), filepath.Join(work, "themes", "hostile", "assets", "secret.txt"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--content", filepath.Join(work, "content"), "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()
	want := filepath.ToSlash(filepath.Join(work, "themes", "hostile", "assets", "secret.txt")) + ": symbolic links are not followed"
	urlRE := regexp.MustCompile(`preview at (http://127\.0\.0\.1:\d+/)`)
	var url string
	deadline := time.Now().Add(15 * time.Second)
	for {
		if m := urlRE.FindStringSubmatch(stderr.String()); m != nil && strings.Contains(stderr.String(), want) {
			url = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no theme error printed: %s", stderr.String())
		}
	}
	// The overlay shows what the builderror event of the reload stream
	// carries; a new stream starts with the current state.
	reqCtx, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	req, _ := http.NewRequestWithContext(reqCtx, http.MethodGet, url+"_archive/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var overlay string
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for event := ""; sc.Scan(); {
		line := sc.Text()
		if e, ok := strings.CutPrefix(line, "event: "); ok {
			event = e
		}
		if d, ok := strings.CutPrefix(line, "data: "); ok && event == "builderror" {
			overlay = d
			break
		}
	}
	resp.Body.Close()
	stop()
	if !strings.Contains(overlay, want) {
		t.Errorf("the overlay does not show %q: %s", want, overlay)
	}
	body := overlay
	cancel()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	if strings.Contains(body+stdout.String()+stderr.String(), themeSecret) {
		t.Error("serve showed the secret outside the theme")
	}
}

// TestThemeErrorPlace: a theme's problem that has a place in its file (a
// module importing one the theme lacks) is printed by build and check
// with that file's line and column, as content problems are.
func TestThemeErrorPlace(t *testing.T) {
	work := hostileThemeSite(t)
	ui := filepath.Join(work, "themes", "hostile", "assets", "js", "search", "ui.js")
	src, err := os.ReadFile(ui)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "from './query.js'", "from './querry.js'", 1)
	if bad == string(src) {
		t.Fatal("ui.js no longer imports ./query.js: update the test")
	}
	if err := os.WriteFile(ui, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`(?m)^themes/hostile/assets/js/search/ui\.js:9:\d+: .*imports "\./querry\.js", which is not an asset of the theme`)
	for _, cmd := range []string{"build", "check"} {
		code, stdout, stderr := execArchive(t, work, cmd)
		if code == 0 || !want.MatchString(stdout+stderr) {
			t.Errorf("archive %s: exit %d, want an error at ui.js:9:col:\n%s%s", cmd, code, stdout, stderr)
		}
	}
}
