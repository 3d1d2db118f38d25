package content

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// docEntry is one key of a schema as a document lists it.
type docEntry struct {
	key      string
	required bool
}

func fieldEntries(fields []Field) []docEntry {
	var out []docEntry
	for _, f := range fields {
		out = append(out, docEntry{f.Key, f.Required})
	}
	return out
}

// TestFieldsMatchPackageDoc: the package doc's "Event front matter"
// section lists the keys of EventFields, in its order, each said to be
// required or optional as the table says.
func TestFieldsMatchPackageDoc(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(src), "// # Event front matter\n")
	if !ok {
		t.Fatal(`doc.go has no "# Event front matter" section`)
	}
	section, _, _ = strings.Cut(section, "\n// #")
	entry := regexp.MustCompile(`(?m)^//\t([a-z_]+) +(required|optional)\b`)
	var got []docEntry
	for _, m := range entry.FindAllStringSubmatch(section, -1) {
		got = append(got, docEntry{m[1], m[2] == "required"})
	}
	if want := fieldEntries(EventFields); !slices.Equal(got, want) {
		t.Errorf("doc.go lists the event keys\n%v\nEventFields says\n%v", got, want)
	}
}

// TestFieldsMatchREADME: the README's table of fields lists the keys of
// EventFields, in its order, with "yes" for the required ones.
func TestFieldsMatchREADME(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(src), "| field | required | what it means |\n")
	if !ok {
		t.Fatal("README.md has no table of fields (| field | required | what it means |)")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	row := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| (yes|no) \\|")
	var got []docEntry
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		got = append(got, docEntry{m[1], m[2] == "yes"})
	}
	if want := fieldEntries(EventFields); !slices.Equal(got, want) {
		t.Errorf("README.md's table lists\n%v\nEventFields says\n%v", got, want)
	}
}

// TestFieldsDriveDecoder: every key of the tables is known to the
// decoder and only those, and a record without a required key is an
// error naming it.
func TestFieldsDriveDecoder(t *testing.T) {
	for _, f := range EventFields {
		if !f.Required {
			continue
		}
		src := "---\ntitle: T\ndate: 2020-01-02\nlocation: L\nregion: global\nsummary: S\n---\n"
		var lines []string
		for _, l := range strings.Split(src, "\n") {
			if !strings.HasPrefix(l, f.Key+":") {
				lines = append(lines, l)
			}
		}
		errs := parseEventForTest(t, strings.Join(lines, "\n"))
		if !strings.Contains(errs.Error(), `required key "`+f.Key+`" is missing`) {
			t.Errorf("without %s: %v", f.Key, errs)
		}
	}
	for _, f := range EventFields {
		if f.Kind == "" || f.Doc == "" {
			t.Errorf("field %s has no kind or no doc", f.Key)
		}
		listy := f.Kind == KindKeys || f.Kind == KindList || f.Kind == KindDocuments || f.Kind == KindPaths
		if listy != slices.Contains(yamlListKeys, f.Key) {
			t.Errorf("field %s of kind %s: yamlListKeys disagrees", f.Key, f.Kind)
		}
	}
}

func parseEventForTest(t *testing.T, src string) List {
	t.Helper()
	site, errs := ParseSite("site.yaml", []byte("title: T\nbase_url: https://x.example/\nkinds: [{key: k, folder: k, name: K}]\nregions: [{key: global, name: Global}]\n"))
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	var out List
	parseFile("content/k/x.md", []byte(src), site, &job{name: "k/x.md", kind: site.Kinds[0], slug: "x"}, &out)
	return out
}

// TestEventTemplateHasEveryField: archive new's file names every key of
// EventFields, in order, the required ones set, and it decodes without
// an error.
func TestEventTemplateHasEveryField(t *testing.T) {
	site, errs := ParseSite("site.yaml", []byte("title: T\nbase_url: https://x.example/\nkinds: [{key: k, folder: k, name: K}]\nregions: [{key: global, name: Global}, {key: africa, name: Africa}]\n"))
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	src := EventTemplate(site, NewEvent{Kind: site.Kinds[0], Region: site.Regions[1], Title: `Say "hi"`, Slug: "x", Date: day, Today: day})
	at := 0
	for _, f := range EventFields {
		set, commented := strings.Index(src[at:], "\n"+f.Key+":"), strings.Index(src[at:], "\n# "+f.Key+":")
		i := set
		if !f.Required && (i < 0 || commented >= 0 && commented < i) {
			i = commented
		}
		if i < 0 {
			t.Errorf("the template has no line for %s after offset %d:\n%s", f.Key, at, src)
			continue
		}
		at += i + 1
	}
	var out List
	e, _ := parseFile("content/k/2026-03-12-x.md", []byte(src), site, &job{name: "k/2026-03-12-x.md", kind: site.Kinds[0], slug: "2026-03-12-x"}, &out)
	if out.Err() != nil || e == nil || e.Title != `Say "hi"` || e.Region.Key != "africa" || !e.Draft || !strings.HasPrefix(e.Location, Placeholder) {
		t.Errorf("the template decodes to %+v, %v", e, out)
	}
}
