package content

import (
	"slices"
	"testing"
)

// TestDocumentTypeKeys: documents get a type key, one of DocumentTypes,
// which the theme names; no reader-facing name is decided here.
func TestDocumentTypeKeys(t *testing.T) {
	for name, want := range map[string]string{
		"report.pdf": "pdf", "Report.PDF": "pdf", "a.doc": "word", "a.docx": "word", "a.xls": "excel", "a.xlsx": "excel",
		"a.ppt": "powerpoint", "a.pptx": "powerpoint", "a.odt": "odt", "a.ods": "ods", "a.odp": "odp",
		"a.csv": "csv", "a.txt": "txt", "a.jpg": "image", "a.JPEG": "image", "a.png": "image", "a.gif": "image",
		"a.webp": "image", "a.avif": "image", "README": "file", "a.svg": "file", "a.html": "file",
	} {
		if got := fileType(name); got != want {
			t.Errorf("fileType(%q) = %q, want %q", name, got, want)
		}
	}
	for u, want := range map[string]string{"https://x.example/r.PDF": "pdf", "https://x.example/": "web", "/about/": "web"} {
		if got := linkType(u); got != want {
			t.Errorf("linkType(%q) = %q, want %q", u, got, want)
		}
	}
	a, errs := load(t, map[string]string{
		"annual-consultations/2013-x/index.md":   "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\ndocuments:\n  - {title: R, file: report.pdf}\n  - {title: W, url: https://x.example/}\n---\n",
		"annual-consultations/2013-x/report.pdf": "%PDF-1.4",
	})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range a.Events[0].Documents {
		got = append(got, d.TypeKey)
	}
	if want := []string{"pdf", "web"}; !slices.Equal(got, want) {
		t.Errorf("documents' TypeKey %q, want %q", got, want)
	}
}
