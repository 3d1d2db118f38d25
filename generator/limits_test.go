package generator_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
)

// kindsSite is a content folder with n kinds, one event in each: kind
// i's event is on day i+1 of 2013 (all in 2013 for up to 365 kinds).
func kindsSite(n int) fstest.MapFS {
	var site strings.Builder
	site.WriteString("title: T\nbase_url: https://x.example/\nkinds:\n")
	fsys := fstest.MapFS{}
	for i := range n {
		fmt.Fprintf(&site, "  - {key: k%d, folder: series-%d, name: Series %d, description: The series number %d.}\n", i, i, i, i)
		day := time.Date(2013, 1, 1+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		fsys[fmt.Sprintf("series-%d/%s-e.md", i, day)] = &fstest.MapFile{Data: []byte("---\ntitle: Event " + day + "\ndate: " + day + "\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n")}
	}
	site.WriteString("regions:\n  - {key: global, name: Global}\n")
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(site.String())}
	return fsys
}

// TestNavigationLinearInKinds: every kind page used to list every kind,
// so the site grew with the square of the number of kinds (1,500 kinds
// made 92 MB). A page that is not a list of all kinds now has the same
// size whatever their number, and the kind pages together grow linearly.
func TestNavigationLinearInKinds(t *testing.T) {
	sizes := map[int]map[string]int{}
	for _, n := range []int{generator.MaxNavKinds, content.MaxKinds} {
		files, _, err := generator.Build(context.Background(), generator.Config{Content: kindsSite(n), Today: checkToday})
		if err != nil {
			t.Fatal(err)
		}
		sizes[n] = map[string]int{}
		total, kindPages := 0, 0
		for p, data := range files {
			sizes[n][p] = len(data)
			total += len(data)
			if strings.HasPrefix(p, "series-") && strings.Count(p, "/") == 1 {
				kindPages += len(data)
			}
		}
		sizes[n]["kind pages"] = kindPages
		t.Logf("%d kinds: %d bytes in all, %d in the kind pages", n, total, kindPages)
	}
	few, many := sizes[generator.MaxNavKinds], sizes[content.MaxKinds]
	for _, p := range []string{"series-0/index.html", "series-0/2013-01-01-e/index.html"} {
		if d := many[p] - few[p]; d < -200 || d > 200 {
			t.Errorf("%s: %d bytes with %d kinds, %d with %d: a page's size depends on the number of kinds",
				p, few[p], generator.MaxNavKinds, many[p], content.MaxKinds)
		}
	}
	perFew := float64(few["kind pages"]) / float64(generator.MaxNavKinds)
	perMany := float64(many["kind pages"]) / float64(content.MaxKinds)
	if perMany > 1.05*perFew {
		t.Errorf("a kind page is %.0f bytes on average with %d kinds, %.0f with %d: not linear",
			perFew, generator.MaxNavKinds, perMany, content.MaxKinds)
	}
}

// TestTooManyKinds: 1,500 kinds (the 92 MB site) are refused at
// once, at the line of the 51st, by check and by build alike.
func TestTooManyKinds(t *testing.T) {
	fsys := kindsSite(1500)
	want := "content/site.yaml:54:5: kinds: this is kind number 51; a site declares at most 50 kinds (see docs/content-limits.md)"
	var problems content.List
	bounded(t, "Check", func() {
		var err error
		problems, err = generator.Check(context.Background(), generator.Config{Content: fsys, Today: checkToday})
		if err != nil {
			t.Error(err)
		}
	})
	if problems.Error() != want {
		t.Errorf("check: got\n%v\nwant\n%s", problems, want)
	}
	bounded(t, "Build", func() {
		_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Today: checkToday})
		if err == nil || err.Error() != want {
			t.Errorf("build: got %v, want %s", err, want)
		}
	})
}

// cleanEvent is an event file without a problem.
const cleanEvent = "---\ntitle: Clean\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n"

// TestNamesCheckAndBuildAgree: names and depths a file system cannot write
// (a 252-character slug, whose .ics name is 256 bytes; a bundle 2,500
// folders deep) are refused by check and by build with the same
// positioned error, before anything is written.
func TestNamesCheckAndBuildAgree(t *testing.T) {
	slug := "2013-" + strings.Repeat("a", 247)
	deep := "annual-consultations/2013-deep/" + strings.Repeat("d/", 2500) + "report.pdf"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"252-character slug", map[string]string{"annual-consultations/" + slug + ".md": cleanEvent},
			"content/annual-consultations/" + slug + ".md: the slug is 252 characters long; the limit is 100 (it becomes the page's address): give the file a shorter name"},
		{"2,500 folders deep", map[string]string{"annual-consultations/2013-deep/index.md": cleanEvent, deep: "%PDF"},
			"content/annual-consultations/2013-deep/" + strings.Repeat("d/", 8) + "d: this folder is 9 levels deep in the bundle; the limit is 8: move its files up"},
		{"Windows console name", map[string]string{"annual-consultations/2013-deep/index.md": cleanEvent, "annual-consultations/2013-deep/CONOUT$.txt": "x"},
			`content/annual-consultations/2013-deep/CONOUT$.txt: "CONOUT$.txt" is a reserved file name on Windows; rename it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"site.yaml": {Data: []byte(checkSiteYAML)}}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			var problems content.List
			bounded(t, "Check", func() {
				problems, _ = generator.Check(context.Background(), generator.Config{Content: fsys, Today: checkToday})
			})
			if errs := problems.Errors(); errs.Error() != tt.want {
				t.Errorf("check:\n%.400v\nwant:\n%s", errs, tt.want)
			}
			bounded(t, "Build", func() {
				files, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Today: checkToday})
				var list content.List
				if !errors.As(err, &list) || err.Error() != tt.want || files != nil {
					t.Errorf("build: %d files, error:\n%.400v\nwant:\n%s", len(files), err, tt.want)
				}
			})
		})
	}
}
