package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// hostileAliases is a record whose aliases would each have added a rule
// of the author's choosing to _redirects: a line break before a whole
// rule, and vertical tabs that split one field into three.
const hostileAliases = "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\naliases:\n" +
	"  - \"\\n/evil //evil.example/ 301\"\n" +
	"  - \"/old\\v//evil.example/\\v301\"\n" +
	"---\nBody.\n"

// TestHostileAliasBinary: through the real binary, build and check refuse
// both aliases at their own line and column, build exits 1 and writes
// nothing.
func TestHostileAliasBinary(t *testing.T) {
	work := t.TempDir()
	writeSite(t, filepath.Join(work, "content"), map[string]string{
		"site.yaml":                      testSite,
		"annual-consultations/2013-a.md": hostileAliases,
	})
	before := tree(t, work)
	want := []string{
		`content/annual-consultations/2013-a.md:8:5: aliases: "\n/evil //evil.example/ 301" holds a line break; an alias is an old address of this page, a site path such as /old/path/`,
		`content/annual-consultations/2013-a.md:9:5: aliases: "/old\v//evil.example/\v301" holds the invisible character U+000B; an alias is an old address of this page, a site path such as /old/path/`,
	}
	code, stdout, stderr := execArchive(t, work, "build")
	if code != 1 || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("build: exit %d, want 1 and nothing written:\n%s%s", code, stdout, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("build: stderr lacks\n%s\ngot:\n%s", w, stderr)
		}
	}
	if diff := cmp.Diff(before, tree(t, work)); diff != "" {
		t.Errorf("build wrote something (-before +after):\n%s", diff)
	}
	code, stdout, stderr = execArchive(t, work, "check")
	if code != 1 {
		t.Errorf("check: exit %d, want 1:\n%s", code, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stdout, strings.Replace(w, ": aliases", ": error: aliases", 1)) {
			t.Errorf("check: stdout lacks\n%s\ngot:\n%s", w, stdout)
		}
	}
}

// TestHostileAliasPreview: the preview never redirects /old to another
// site (vertical tabs made "/old //evil.example/ 301" of one alias): the
// alias is refused before any _redirects exists to be read.
func TestHostileAliasPreview(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	writeSite(t, content, map[string]string{
		"site.yaml": testSite,
		"annual-consultations/2013-a.md": "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n" +
			"aliases: [\"/old\\v//evil.example/\\v301\"]\n---\nBody.\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--content", content, "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()
	urlRE := regexp.MustCompile(`preview at (http://127\.0\.0\.1:\d+/)`)
	var url string
	deadline := time.Now().Add(15 * time.Second)
	for {
		out := stderr.String()
		if m := urlRE.FindStringSubmatch(out); m != nil && (strings.Contains(out, "built ") || strings.Contains(out, "2013-a.md:")) {
			url = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, out)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no build reported: %s", out)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"old", "evil", "old/"} {
		resp, err := client.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); strings.Contains(loc, "evil") || resp.StatusCode/100 == 3 {
			t.Errorf("/%s: %d, Location %q", p, resp.StatusCode, loc)
		}
	}
	if !strings.Contains(stderr.String(), "holds the invisible character U+000B") {
		t.Errorf("the preview did not report the alias:\n%s", stderr.String())
	}
	cancel()
	<-done
}

// TestNameLimitsBinary: a slug whose .ics name would be 256 bytes and a
// bundle 2,500 folders deep were accepted by check and then failed build
// with a raw error from the file system. Both commands now refuse them
// with one positioned message, and build writes nothing.
func TestNameLimitsBinary(t *testing.T) {
	event := "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n"
	slug := "2013-" + strings.Repeat("a", 247)
	tests := []struct {
		name  string
		setup func(t *testing.T, content string)
		want  string
	}{
		{"252-character slug", func(t *testing.T, content string) {
			writeSite(t, content, map[string]string{"annual-consultations/" + slug + ".md": event})
		}, "content/annual-consultations/" + slug + ".md: the slug is 252 characters long; the limit is 100 (it becomes the page's address): give the file a shorter name"},
		{"2,500 folders deep", func(t *testing.T, content string) {
			writeSite(t, content, map[string]string{"annual-consultations/2013-deep/index.md": event})
			// Made one folder at a time: the whole path is longer than
			// the system lets a single call name.
			r, err := os.OpenRoot(filepath.Join(content, "annual-consultations", "2013-deep"))
			if err != nil {
				t.Fatal(err)
			}
			for range 2500 {
				if err := r.Mkdir("d", 0o755); err != nil {
					t.Fatal(err)
				}
				next, err := r.OpenRoot("d")
				r.Close()
				if err != nil {
					t.Fatal(err)
				}
				r = next
			}
			if err := r.WriteFile("report.pdf", []byte("%PDF"), 0o644); err != nil {
				t.Fatal(err)
			}
			r.Close()
		}, "content/annual-consultations/2013-deep/" + strings.Repeat("d/", 8) + "d: this folder is 9 levels deep in the bundle; the limit is 8: move its files up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			content := filepath.Join(work, "content")
			writeSite(t, content, map[string]string{"site.yaml": testSite})
			tt.setup(t, content)
			code, stdout, stderr := execArchive(t, work, "check")
			if code != 1 || stdout != strings.Replace(tt.want, ": ", ": error: ", 1)+"\n" {
				t.Errorf("check: exit %d\n%s%s\nwant:\n%s", code, stdout, stderr, tt.want)
			}
			code, _, stderr = execArchive(t, work, "build")
			if code != 1 || !strings.Contains(stderr, tt.want+"\n") || !strings.Contains(stderr, "1 error; nothing was written") {
				t.Errorf("build: exit %d\n%.2000s\nwant:\n%s", code, stderr, tt.want)
			}
			if _, err := os.Stat(filepath.Join(work, "public")); err == nil {
				t.Error("build wrote public/")
			}
		})
	}
}
