package synth

import (
	"bytes"
	"slices"
	"strings"
	"testing/fstest"
)

// Translate makes fsys, a content folder of Generate, a site in English
// and langs: site.yaml lists them, and the events whose place in the
// archive (by file name) is i translate into langs[j] when i%every ==
// j, so that with every = 3 a third of the events is translated into
// each of two languages. A translation has the original's title and
// summary, marked with the language, and its body, links included.
// The organizations of GenerateWith's directory are not translated.
func Translate(fsys fstest.MapFS, langs []string, every int) {
	site := fsys["site.yaml"]
	site.Data = bytes.Replace(site.Data, []byte("\nlanguage: en\n"), []byte("\nlanguages: [en, "+strings.Join(langs, ", ")+"]\n"), 1)
	var names []string
	for name := range fsys {
		// The directory's organizations have no translations (their
		// pages show them as written in every language).
		if strings.Contains(name, "/") && !strings.HasPrefix(name, "organizations/") && strings.HasSuffix(name, ".md") && strings.Count(name, ".") == 1 {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for i, name := range names {
		j := i % every
		if j >= len(langs) {
			continue
		}
		lang := langs[j]
		src := string(fsys[name].Data)
		front, body, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
		var b strings.Builder
		b.WriteString("---\n")
		for _, line := range strings.Split(front, "\n") {
			for _, key := range []string{"title: ", "summary: "} {
				if v, ok := strings.CutPrefix(line, key); ok {
					b.WriteString(key + strings.Replace(v, `"`, `"`+"["+lang+"] ", 1) + "\n")
				}
			}
		}
		b.WriteString("---\n" + body)
		fsys[strings.TrimSuffix(name, ".md")+"."+lang+".md"] = &fstest.MapFile{Data: []byte(b.String()), Mode: 0o644}
	}
}
