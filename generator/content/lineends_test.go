package content

import (
	"context"
	"testing"
	"testing/fstest"
)

// TestLineEnds: positions are counted the way editors count lines, whatever
// line ends the file uses, and the line breaks that YAML alone counts are
// reported rather than silently shifting every later position.
func TestLineEnds(t *testing.T) {
	const p = "annual-consultations/2013-x.md"
	tests := []struct {
		name, src, want string
	}{
		{"lone CR", "---\rtitle: A\rdate: 2013-09-12\rlocation: Geneva\rregion: mars\rsummary: S.\r---\rBody\r",
			"content/annual-consultations/2013-x.md:5:9: unknown region \"mars\"; site.yaml declares: global"},
		{"CRLF", "---\r\ntitle: A\r\ndate: 2013-09-12\r\nlocation: Geneva\r\nregion: mars\r\nsummary: S.\r\n---\r\n",
			"content/annual-consultations/2013-x.md:5:9: unknown region \"mars\"; site.yaml declares: global"},
		{"line separator", "---\ntitle: \"Migration\u2028and development\"\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\n",
			"content/annual-consultations/2013-x.md:2:18: invisible line separator U+2028 (often pasted from a PDF or a word processor): YAML reads it as a line break; delete it"},
		{"next line", "---\ntitle: A\ndate: 2013-09-12\nlocation: Gen\u0085eva\nregion: global\nsummary: S.\n---\n",
			"content/annual-consultations/2013-x.md:4:14: invisible line separator U+0085 (often pasted from a PDF or a word processor): YAML reads it as a line break; delete it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.yaml": {Data: []byte(fuzzSiteYAML)},
				p:           {Data: []byte(tt.src)},
			}
			_, errs := Load(context.Background(), fsys, Options{})
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("got %d problems:\n%v\nwant:\n%s", len(errs), errs, tt.want)
			}
		})
	}
	// In the body, a line separator is only a character.
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte(fuzzSiteYAML)},
		p:           {Data: []byte("---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nOne\u2028two\n")},
	}
	if _, errs := Load(context.Background(), fsys, Options{}); len(errs) != 0 {
		t.Errorf("line separator in the body: %v", errs)
	}
}
