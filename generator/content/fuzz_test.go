package content

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The fuzz targets' seed corpora are in testdata/fuzz/<target>; the seeds
// added here are the shapes every content file takes. Run one for a while:
//
//	go test ./generator/content -run='^$' -fuzz=FuzzSplit -fuzztime=3m
//
// and commit what it finds in testdata/fuzz as a regression test.

var fuzzSeeds = []string{
	"---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n",
	"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n",
	"---\ntitle: A\n---",
	"---\n---\n",
	"---   \ntitle: A\n---\t\n\n\nBody",
	"---\ntitle: A\n",
	"# no front matter\n",
	"",
	"\n\n\n",
	"---\n- a\n- b\n---\n",
	"---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n---\n",
	"---\ntopics: [[[[[[[[[[]]]]]]]]]]\n---\n",
	"---\ntitle: caf\xe9\n---\n",
	"---\ntitle: \x00\n---\n",
	"---\n\ttitle: A\n---\n",
	"---\nTitle: A\ndocuments:\n  - title: R\n    file: ../x.pdf\n  - {title: S, url: 'javascript:x'}\n---\n",
	"---\ntitle: A\nend_date: 2013-09-10\ndate: 2013-09-12\n---\n",
	"---\ntitle: |\n  multi\n  line\n---\n> > > deep\n",
	"---\r\n---\r",
	"---\n\r---\n",
	"---\nname: F\nshort_name: f\naliases: [F F, 'f']\ntype: ngo\nregion: global\nurl: https://f.example/\nsummary: S.\ntopics: [labour-migration, Labour]\norganizers: [F, f, x]\n---\n",
}

// FuzzSplit: splitFile never panics, and when it succeeds the parts are the
// file's own bytes (after BOM and CRLF normalisation) and BodyLine is the
// body's line in the file.
func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		parts, err := splitFile(src)
		if err != nil {
			line, msg := splitPos(err)
			if line < 1 || msg == "" {
				t.Fatalf("error without a position or message: %v", err)
			}
			return
		}
		// Line ends are LF only, a lone CR counted as a line end as
		// YAML, Markdown and editors count it.
		norm := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		norm = bytes.ReplaceAll(bytes.ReplaceAll(norm, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		if !bytes.HasSuffix(norm, parts.Body) {
			t.Fatalf("body %q is not the end of the file", parts.Body)
		}
		first, rest, _ := bytes.Cut(norm, []byte("\n"))
		if string(bytes.TrimRight(first, " \t")) != "---" {
			t.Fatalf("first line %q is not ---", first)
		}
		if !bytes.HasPrefix(rest, parts.FrontMatter) {
			t.Fatalf("front matter %q is not what follows the first line", parts.FrontMatter)
		}
		if len(parts.Body) > 0 {
			before := norm[:len(norm)-len(parts.Body)]
			if got := bytes.Count(before, []byte("\n")) + 1; got != parts.BodyLine {
				t.Fatalf("BodyLine = %d, but the body starts on line %d", parts.BodyLine, got)
			}
		}
		if want := frontMatterLine + bytes.Count(parts.FrontMatter, []byte("\n")) + 1; parts.BodyLine != want {
			t.Fatalf("BodyLine = %d, want %d (front matter of %d lines)", parts.BodyLine, want, bytes.Count(parts.FrontMatter, []byte("\n")))
		}
	})
}

const fuzzSiteYAML = `title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual}
regions:
  - {key: global, name: Global}
organization_types:
  - {key: ngo, name: NGOs}
topics:
  - {key: labour-migration, name: Labour migration}
`

// FuzzLoad: loading a file as an event, a bundle, a plain page, the home
// page and an organization of the directory never panics, and every problem names the file and a position
// inside it.
func FuzzLoad(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		names := []string{"annual-consultations/2013-f.md", "annual-consultations/2013-b/index.md", "f.md", "_index.md", "organizations/f.md"}
		fsys := fstest.MapFS{"site.yaml": {Data: []byte(fuzzSiteYAML)}}
		for _, n := range names {
			fsys[n] = &fstest.MapFile{Data: src}
		}
		a, problems := Load(context.Background(), fsys, Options{})
		if a == nil || a.Site == nil {
			t.Fatal("Load lost the site")
		}
		lines := bytes.Split(normalizeNewlines(src), []byte("\n"))
		for _, p := range problems {
			if p.Msg == "" || !utf8.ValidString(p.Msg) && utf8.Valid(src) {
				t.Errorf("%v: empty or invalid message", p)
			}
			name := strings.TrimPrefix(p.Path, "content/")
			if fsys[name] == nil {
				t.Errorf("%v: no such file", p)
				continue
			}
			if name == "site.yaml" {
				t.Errorf("%v: problem in the fixed site.yaml", p)
				continue
			}
			if p.Line < 0 || p.Col < 0 || p.Line > len(lines)+1 {
				t.Errorf("%v: position outside the file of %d lines", p, len(lines))
				continue
			}
			if p.Line > 0 && p.Line <= len(lines) && p.Col > len(lines[p.Line-1])+1 {
				t.Errorf("%v: column beyond the end of line %q", p, lines[p.Line-1])
			}
		}
		// The same input gives the same problems.
		_, again := Load(context.Background(), fsys, Options{})
		if problems.Error() != again.Error() {
			t.Errorf("two loads differ:\n%v\n---\n%v", problems, again)
		}
	})
}

// FuzzParseSite: site.yaml never makes the loader panic, and every problem
// has a position inside the file.
func FuzzParseSite(f *testing.F) {
	f.Add([]byte(fuzzSiteYAML))
	f.Add([]byte("title: T\nkinds: &k [{key: a, folder: a, name: A}]\nregions: *k\n"))
	f.Add([]byte("kinds:\n  - key: years\n    folder: years\n"))
	f.Add([]byte("markdown: {unsafe: maybe}\nbase_url: ftp://x\n"))
	f.Add([]byte("title: {en: T, fr: Tf}\nlanguages: [en, fr, fr, xx]\nlanguage: en\nkinds:\n  - {key: a, folder: fr, name: {en: A, de: B}, plural: {en: As, fr: Bs}}\nregions:\n  - {key: g, name: {fr: G}}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, problems := ParseSite("content/site.yaml", src)
		n := bytes.Count(normalizeNewlines(src), []byte("\n")) + 2
		for _, p := range problems {
			if p.Msg == "" || p.Line < 0 || p.Col < 0 || p.Line > n {
				t.Errorf("%v: bad position or message (file of %d lines)", p, n-1)
			}
		}
	})
}
