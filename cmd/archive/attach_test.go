package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// validPDF is the smallest file that is a PDF by its content.
const validPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// TestAttachmentsThatRunScriptAreRefused: a bundle holding a page, a
// script, an SVG with a script, a "PDF" that is HTML and a real PDF. Before,
// build copied them all beside the event page, where page.html ran evil.js
// on the site's origin, and check found nothing. Now build exits 1 naming
// every bad file and writes nothing; check reports the same files.
func TestAttachmentsThatRunScriptAreRefused(t *testing.T) {
	work := t.TempDir()
	dir := filepath.Join(work, "content")
	bundle := "annual-consultations/2013-bundle/"
	writeSite(t, dir, map[string]string{
		"site.yaml": testSite,
		bundle + "index.md": "---\ntitle: Bundle\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n" +
			"documents:\n  - title: Report\n    file: report.pdf\n    lang: en\n  - title: Minutes\n    file: minutes.pdf\n    lang: en\n---\n" +
			"See [the page](page.html) and the [chart](chart.svg).\n",
		bundle + "page.html":   "<!DOCTYPE html><title>x</title><script src=\"evil.js\"></script>\n",
		bundle + "evil.js":     "fetch('/').then(r => r.text()).then(alert)\n",
		bundle + "chart.svg":   `<svg xmlns="http://www.w3.org/2000/svg"><script href="evil.js"/></svg>` + "\n",
		bundle + "minutes.pdf": "<html><body><script src=\"evil.js\"></script></body></html>\n",
		bundle + "report.pdf":  validPDF,
	})
	before := tree(t, work)
	out := filepath.Join(work, "public")

	code, _, stderr := execArchive(t, work, "build", "--content", "content", "--out", "public")
	if code != 1 {
		t.Errorf("build: exit %d, want 1\n%s", code, stderr)
	}
	p := "content/" + bundle
	wantBuild := []string{
		p + `page.html: attachment "page.html" is an HTML page`,
		p + `evil.js: attachment "evil.js" has the extension .js`,
		p + `chart.svg: attachment "chart.svg" is an SVG image`,
		p + `minutes.pdf: attachment "minutes.pdf" is named .pdf but its content is HTML`,
		p + `index.md:11:5: document "Minutes": file "minutes.pdf" is named .pdf but its content is HTML`,
		"allowed: PDF (.pdf), Word (.doc, .docx)",
		"nothing was written",
	}
	for _, want := range wantBuild {
		if !strings.Contains(stderr, want) {
			t.Errorf("build: stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "report.pdf") {
		t.Errorf("build: the valid PDF is reported:\n%s", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("build wrote the output folder")
	}
	if diff := cmp.Diff(before, tree(t, work)); diff != "" {
		t.Errorf("build changed the file system (-before +after):\n%s", diff)
	}

	code, stdout, stderr := execArchive(t, work, "check", "--content", "content")
	if code != 1 {
		t.Errorf("check: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	for _, want := range wantBuild[:5] {
		want = strings.Replace(want, ": attachment", ": error: attachment", 1)
		want = strings.Replace(want, ": document", ": error: document", 1)
		if !strings.Contains(stdout, want) {
			t.Errorf("check: stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "report.pdf") {
		t.Errorf("check: the valid PDF is reported:\n%s", stdout)
	}
}
