package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
)

func bundleEvent(title, date, docs string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: " + date + "\nlocation: Geneva\nregion: global\nsummary: S.\n" + docs + "---\nBody.\n")}
}

// TestAttachmentHeaders: the _headers file gives every attachment, and
// nothing else, a sandbox and nosniff, one rule per path in a fixed order;
// a preview keeps its noindex rule for every path. Before, _headers was
// written only for previews, and attachments got no header of their own.
func TestAttachmentHeaders(t *testing.T) {
	fsys := minimalSite()
	fsys["annual-consultations/2013-b/index.md"] = bundleEvent("B", "2013-02-01", "")
	fsys["annual-consultations/2013-b/report.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	fsys["annual-consultations/2013-b/Final report é.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	fsys["annual-consultations/2013-a/index.md"] = bundleEvent("A", "2013-01-01", "")
	fsys["annual-consultations/2013-a/img/photo.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
	fsys["annual-consultations/2013-c/index.md"] = bundleEvent("C", "2013-03-01", "draft: true\n")
	fsys["annual-consultations/2013-c/draft.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	fsys["annual-consultations/2013-d.md"] = event("D", "2013-04-01")

	rule := "  Content-Security-Policy: sandbox\n  X-Content-Type-Options: nosniff\n"
	comment := "# Attachments are documents to read, never part of the site: no script, no type sniffing.\n"
	published := "/annual-consultations/2013-a/img/photo.png\n" + rule +
		"/annual-consultations/2013-b/Final report é.pdf\n" + rule +
		"/annual-consultations/2013-b/Final%20report%20%C3%A9.pdf\n" + rule +
		"/annual-consultations/2013-b/report.pdf\n" + rule
	files, _ := buildAll(t, generator.Config{Content: fsys})
	if got, want := string(files["_headers"]), comment+published; got != want {
		t.Errorf("_headers:\n%s\nwant:\n%s", got, want)
	}
	files, _ = buildAll(t, generator.Config{Content: fsys, Drafts: true})
	want := "# A preview: kept out of search engines.\n/*\n  X-Robots-Tag: noindex\n" + comment +
		"/annual-consultations/2013-a/img/photo.png\n" + rule +
		"/annual-consultations/2013-b/Final report é.pdf\n" + rule +
		"/annual-consultations/2013-b/Final%20report%20%C3%A9.pdf\n" + rule +
		"/annual-consultations/2013-b/report.pdf\n" + rule +
		"/annual-consultations/2013-c/draft.pdf\n" + rule
	if got := string(files["_headers"]); got != want {
		t.Errorf("preview _headers:\n%s\nwant:\n%s", got, want)
	}

	// Without attachments, a published site has no _headers.
	delete(fsys, "annual-consultations/2013-a/img/photo.png")
	delete(fsys, "annual-consultations/2013-b/report.pdf")
	delete(fsys, "annual-consultations/2013-b/Final report é.pdf")
	delete(fsys, "annual-consultations/2013-c/draft.pdf")
	files, _ = buildAll(t, generator.Config{Content: fsys})
	if h, ok := files["_headers"]; ok {
		t.Errorf("_headers without attachments: %q", h)
	}
}

// sparseFile makes a file of size bytes that starts with head and holds
// no disk blocks beyond it.
func sparseFile(t *testing.T, name, head string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(name, size); err != nil {
		t.Skipf("cannot make a sparse file here: %v", err)
	}
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestAttachmentMemoryBounded: a 3 GB attachment is refused by its size
// without being read, and a 40 MB one is copied to the output in bounded
// memory. Before, attachments were read whole into the build's result: the
// 3 GB one took 3.2 GB of memory.
func TestAttachmentMemoryBounded(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeFiles(t, content, minimalSite())
	writeFiles(t, content, fstest.MapFS{
		"annual-consultations/2013-a/index.md": bundleEvent("A", "2013-01-01", "documents:\n  - title: Report\n    file: report.pdf\n"),
	})
	report := filepath.Join(content, "annual-consultations", "2013-a", "report.pdf")
	sparseFile(t, report, "%PDF-1.4\n", 3<<30)
	root, err := os.OpenRoot(content)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	cfg := generator.Config{Content: root.FS()}

	var buildErr error
	bounded(t, "Build with a 3 GB attachment", func() { _, _, buildErr = generator.Build(context.Background(), cfg) })
	want := `content/annual-consultations/2013-a/report.pdf: attachment "report.pdf" is 3072.0 MB; the limit is 50 MB`
	if buildErr == nil || !strings.Contains(buildErr.Error(), want) {
		t.Errorf("error %v, want %q", buildErr, want)
	}

	sparseFile(t, report, "%PDF-1.4\n", 40<<20)
	out := filepath.Join(dir, "public")
	n := allocated(func() {
		var files output.Files
		var copies output.Copies
		files, copies, buildErr = generator.Build(context.Background(), cfg)
		if buildErr == nil {
			buildErr = output.Write(out, files, copies)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	t.Logf("building and writing with a 40 MB attachment allocated %.1f MB", float64(n)/(1<<20))
	if n > 16<<20 {
		t.Errorf("building with a 40 MB attachment allocated %d MB", n>>20)
	}
	st, err := os.Stat(filepath.Join(out, "annual-consultations", "2013-a", "report.pdf"))
	if err != nil || st.Size() != 40<<20 {
		t.Errorf("copied attachment: %v, %v", st, err)
	}
}

func writeFiles(t *testing.T, dir string, fsys fstest.MapFS) {
	t.Helper()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
