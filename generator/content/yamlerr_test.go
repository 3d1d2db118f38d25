package content

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// TestYAMLErrors: each YAML mistake an author plausibly makes in front
// matter is reported once, at the line and column where the author has to
// act (in the file's own numbering), with what to write instead.
func TestYAMLErrors(t *testing.T) {
	const p = "annual-consultations/2013-x.md"
	// fm makes a file of front matter lines.
	fm := func(lines ...string) string { return "---\n" + strings.Join(lines, "\n") + "\n---\nBody.\n" }
	tests := []struct {
		name, src, want string
	}{
		// The four of the issue.
		{"colon in a title", fm("title: Labour migration: skills", "date: 2013-09-12"),
			`2:24: a title that contains ": " must be in quotes: title: "Labour migration: skills"`},
		{"unclosed quote", fm(`title: "Labour migration`, "date: 2013-09-12", `location: "Geneva"`, "region: global"),
			`2:8: the quote that starts this title is not closed on this line: title: "Labour migration"`},
		{"apostrophe in single quotes", fm("title: 'Women's rights'", "date: 2013-09-12"),
			`2:14: an apostrophe inside single quotes ends the quoted text: use double quotes: title: "Women's rights", or write the apostrophe twice: title: 'Women''s rights'`},
		{"document key indented by 2", fm("title: A", "documents:", "  - title: R", "  file: r.pdf"),
			`5:3: "file" is not lined up under "title", the first key after "- " on line 4: indent it by 4 spaces, like "title"`},

		// Colons.
		{"colon in a document title", fm("documents:", "  - title: Annex: tables", "    file: a.pdf"),
			`3:17: a title that contains ": " must be in quotes: title: "Annex: tables"`},
		{"colon in a summary over two lines", fm("summary: One", "  two: three", "region: global"),
			`3:6: a summary that contains ": " must be in quotes: summary: "One two: three"`},
		{"title ending with a colon", fm("title: Note:", "region: global"),
			`2:12: a title that ends with ":" must be in quotes: title: "Note:"`},
		{"colon in a value with a double quote", fm(`title: The "Bali Process": ten years`),
			`2:26: a title that contains ": " must be in quotes: title: 'The "Bali Process": ten years'`},
		{"long value is cut", fm("summary: " + strings.Repeat("word ", 30) + "note: end"),
			`2:164: a summary that contains ": " must be in quotes: summary: "` + strings.TrimSpace(strings.Repeat("word ", 16)) + `…"`},

		// Quotes.
		{"unclosed quote at the end", fm(`title: "Labour migration`, "date: 2013-09-12", "location: Geneva"),
			`2:8: the quote that starts this title is not closed on this line: title: "Labour migration"`},
		{"unclosed single quote", fm("title: 'Labour migration", "region: global"),
			`2:8: the quote that starts this title is not closed on this line: title: 'Labour migration'`},
		{"unclosed quote of a document title", fm("documents:", `  - title: "Report`, "    file: r.pdf", "  - title: S", "    url: https://x.example/"),
			`3:12: the quote that starts this title is not closed on this line: - title: "Report"`},
		{"unclosed quote in a list", fm(`organizers: ["IOM, UNHCR]`, "region: global"),
			`2:14: the quote that starts this value is not closed on this line: organizers: ["IOM", UNHCR]`},
		{"unclosed quote with a backslash", fm(`location: "C:\data`),
			`2:14: a backslash inside double quotes starts an escape, and "\d" is not one: write \\ for each backslash, or put the location in single quotes`},
		{"a quote too many", fm(`title: "Labour migration""`, "date: 2013-09-12"),
			`2:26: a quote after the closing quote: delete it`},
		{"a quote too many after a list", fm(`topics: [health]"`, "date: 2013-09-12"),
			`2:17: a quote after the "]" that ends the list: delete it`},
		{"doubled closing single quote", fm("title: 'Labour migration''", "date: 2013-09-12"),
			`2:25: inside single quotes, '' is an apostrophe, so this title is not closed: delete one of these two quotes: title: 'Labour migration'`},
		{"backslash in a list", fm(`organizers: ["IOM", "C:\data"]`),
			`2:24: a backslash inside double quotes starts an escape, and "\d" is not one: use single quotes: organizers: ["IOM", 'C:\data'], or write \\ for each backslash`},
		{"double quotes inside double quotes", fm(`summary: "He said "hello" to all"`, "date: 2013-09-12"),
			`2:19: a double quote inside double quotes ends the quoted text: put the summary in single quotes: summary: 'He said "hello" to all', or write \" for each double quote inside`},
		{"text after the closing quote", fm(`title: "Migration" and development`, "date: 2013-09-12"),
			`2:20: text after the closing quote is not part of the title: to keep the quotes, put the whole title in quotes: title: '"Migration" and development'`},
		{"a line after the closing quote", fm(`summary: "One sentence."`, "  Another sentence.", "region: global"),
			`2:24: the summary on line 2 ends with this quote, and line 3 is outside it: move the closing quote to the end of line 3`},
		{"backslash in double quotes", fm(`location: "C:\data\reports"`),
			`2:14: a backslash inside double quotes starts an escape, and "\d" is not one: use single quotes: location: 'C:\data\reports', or write \\ for each backslash`},
		{"backslash x in double quotes", fm(`title: "Annex\x"`),
			`2:14: a backslash inside double quotes starts an escape, and "\x" is not one: use single quotes: title: 'Annex\x', or write \\ for each backslash`},

		// Indentation.
		{"document key indented by 6", fm("documents:", "  - title: R", "      file: r.pdf"),
			`4:7: "file" is not lined up under "title", the first key after "- " on line 3: indent it by 4 spaces, like "title"`},
		{"document key indented by 3", fm("documents:", "  - title: R", "   file: r.pdf"),
			`4:4: "file" is not lined up under "title", the first key after "- " on line 3: indent it by 4 spaces, like "title"`},
		{"document key under an unindented item", fm("documents:", "- title: R", " file: r.pdf"),
			`4:2: "file" is not lined up under "title", the first key after "- " on line 3: indent it by 2 spaces, like "title"`},
		{"later document key out of line", fm("documents:", "  - title: R", "    file: x.pdf", `  - title: "S"`, "    file: y.pdf", "  lang: en"),
			`7:3: "lang" is not lined up under "title", the first key after "- " on line 5: indent it by 4 spaces, like "title"`},
		{"key indented under a key", fm("title: A", " date: 2013-09-12", "region: global"),
			`3:2: "date" is not lined up under "title" on line 2: remove the spaces before it`},
		{"key indented after a list", fm("title: A", "organizers:", "  - IOM", "  - UNHCR", "  region: global"),
			`6:3: "region" is not lined up under "organizers" on line 3: remove the spaces before it`},
		{"list item out of line", fm("organizers:", "  - IOM", " - UNHCR", "region: global"),
			`4:2: this "-" is not lined up with the "-" of the list item on line 3: indent it by 2 spaces, like that item`},
		{"document out of line", fm("documents:", "  - title: R", "    file: r.pdf", "   - title: S", "region: global"),
			`5:4: this "-" is not lined up with the "-" of the list item on line 3: indent it by 2 spaces, like that item`},
		{"front matter as a list", fm("- title: Labour", "summary: S."),
			`2:1: the front matter is keys and values, not a list: remove the "- " at the start of this line`},

		// Lists.
		{"list on the key's line", fm("organizers: - IOM", "date: 2013-09-12"),
			`2:13: a list cannot start on the line of its key: write organizers: [IOM], or each item on a line of its own below, as "  - IOM"`},
		{"two items on the key's line", fm("organizers: - IOM - UNHCR"),
			`2:13: a list cannot start on the line of its key: write organizers: [IOM, UNHCR], or each item on a line of its own below, as "  - IOM"`},
		{"unclosed bracket", fm("topics: [labour-migration, health", "region: global"),
			`2:9: the list opened with "[" is not closed on this line: topics: [labour-migration, health]`},
		{"unclosed bracket in a list of maps", fm("documents: [{title: R, url: https://x.example/}", "region: global"),
			`2:12: the list opened with "[" is not closed on this line: documents: [{title: R, url: https://x.example/}]`},
		{"unclosed brace", fm("documents:", "  - {title: R, url: https://x.example/", "  - {title: S, url: https://y.example/}"),
			`3:5: the map opened with "{" is not closed on this line: - {title: R, url: https://x.example/}`},
		{"missing comma", fm(`organizers: ["IOM" "UNHCR"]`, "region: global"),
			`2:20: a comma is missing between two items of the list: organizers: ["IOM", "UNHCR"]`},
		{"two commas", fm("topics: [health,, labour]"),
			`2:17: two commas with no item between them: delete one`},
		{"comma after the list", fm("topics: [health, labour],", "region: global"),
			`2:25: "," after the "]" that ends the list: delete it`},
		{"bracket inside a list", fm("aliases: [/old]/url/]"),
			`2:15: this "]" ends the list before its end: delete it`},
		{"item without a dash", fm("organizers:", "  - IOM", "  UNHCR", "region: global"),
			`4:3: this line is neither a list item nor "key: value": to add an item, start it with "- ": - UNHCR`},
		{"dash without a space", fm("topics:", "- health", "-labour"),
			`4:2: a list item needs a space after "-": - labour`},
		{"list under a key with a value", fm("title: A", "- health", "region: global"),
			`3:1: this list item follows "title" on line 2, which already has a value: a list goes under a key with nothing after its colon, its items indented by 2 spaces`},

		{"list without brackets", fm(`organizers: "IOM", "UNHCR"`, "region: global"),
			`2:13: a list written on one line goes in brackets: organizers: ["IOM", "UNHCR"]`},
		{"quote left open in a list", fm(`organizers: ["IOM", "UNHCR]`, "documents:", `  - title: "Report"`, "    file: r.pdf"),
			`2:21: the quote that starts this value is not closed on this line: organizers: ["IOM", "UNHCR"]`},
		{"Markdown bullets", fm("organizers:", "  * IOM", "  * UNHCR"),
			`3:3: a list item starts with "- ", not "* ": - IOM`},
		{"item at the key's column after indented items", fm("documents:", "  - title: R", "    url: https://x.example/", "- title: S", "  url: https://y.example/"),
			`5:1: this "-" is not lined up with the "-" of the list item on line 3: indent it by 2 spaces, like that item`},
		{"key left of its item's dash", fm("documents:", "  - title: R", "    file: r.pdf", " lang: en"),
			`5:2: "lang" is not lined up under "title", the first key after "- " on line 3: indent it by 4 spaces, like "title"`},
		{"key out of its item, list goes on", fm("documents:", "  - title: R", "    file: r.pdf", "lang: en", "  - title: S"),
			`5:1: "lang" is not lined up under "title", the first key after "- " on line 3: indent it by 4 spaces, like "title"`},
		{"item indented under a key", fm("documents:", "  - title: R", "    lang: en", "      - title: S"),
			`5:7: this "-" is not lined up with the "-" of the list item on line 3: indent it by 2 spaces, like that item`},

		// Values that start with a character YAML reserves.
		{"at sign", fm("summary: @IOM meets civil society", "region: global"),
			`2:10: a summary that starts with "@" must be in quotes: summary: "@IOM meets civil society"`},
		{"backtick", fm("summary: `archive` is the tool"),
			"2:10: a summary that starts with \"`\" must be in quotes: summary: \"`archive` is the tool\""},
		{"percent", fm("summary: %50 of participants", "region: global"),
			`2:10: a summary that starts with "%" must be in quotes: summary: "%50 of participants"`},
		{"asterisk", fm("summary: *New* report", "region: global"),
			`2:10: a summary that starts with "*" must be in quotes: summary: "*New* report"`},
		{"asterisk as an alias", fm("summary: *Important report", "region: global"),
			`2:10: a summary that starts with "*" must be in quotes: summary: "*Important report"`},
		{"ampersand", fm("organizers: [IOM]", "title: & Co"),
			`3:8: a title that starts with "&" must be in quotes: title: "& Co"`},
		{"greater than", fm("summary: > 50 participants", "region: global"),
			`2:10: a summary that starts with ">" must be in quotes: summary: "> 50 participants"`},
		{"bar", fm("summary: | Overview"),
			`2:10: a summary that starts with "|" must be in quotes: summary: "| Overview"`},
		{"exclamation mark", fm("title: !Important! Deadline"),
			`2:8: a title that starts with "!" must be in quotes: title: "!Important! Deadline"`},
		{"question mark", fm("title: ? what next"),
			`2:8: a title that starts with "? " must be in quotes: title: "? what next"`},
		{"dash", fm("title: - Workshop"),
			`2:8: a title that starts with "- " must be in quotes: title: "- Workshop"`},
		{"bracket", fm("title: [Draft] Labour migration", "region: global"),
			`2:8: a title that starts with "[" must be in quotes: title: "[Draft] Labour migration"`},
		{"brace", fm("title: {Draft Labour migration", "region: global"),
			`2:8: a title that starts with "{" must be in quotes: title: "{Draft Labour migration"`},
		{"at sign in a bracketed list", fm("organizers: [IOM, @UNHCR]"),
			`2:19: an item that starts with "@" must be in quotes: organizers: [IOM, "@UNHCR"]`},
		{"ampersand in a bracketed list", fm("aliases: [&/old/url/]"),
			`2:11: an item that starts with "&" must be in quotes: aliases: ["&/old/url/"]`},
		{"a value of a list key", fm("topics: |health"),
			`2:9: a value of topics that starts with "|" must be in quotes: topics: "|health"`},
		{"at sign in a list", fm("organizers:", "  - @IOM"),
			`3:5: a list item that starts with "@" must be in quotes: - "@IOM"`},

		// Lines that are not "key: value".
		{"second paragraph of a summary", fm("summary: First paragraph.", "", "Second paragraph.", "region: global"),
			`4:1: this line is not "key: value": to continue the summary on line 2, indent it by 2 spaces`},
		{"percent at the start of a line", fm("summary: Half of them", "%50 of participants"),
			`3:1: this line is not "key: value": to continue the summary on line 2, indent it by 2 spaces`},
		{"key without a colon", fm("location Geneva", "region: global"),
			`2:9: a colon is missing after "location": location: Geneva`},
		{"key without a colon, later", fm("title: A", "location Geneva", "region: global"),
			`3:9: a colon is missing after "location": location: Geneva`},
		{"no space after the colon", fm("title: A", "date:2013-09-12", "region: global"),
			`3:6: a space is missing after the colon: date: 2013-09-12`},
		{"no space after the colon, first line", fm("title:Labour", "date: 2013-09-12"),
			`2:7: a space is missing after the colon: title: Labour`},
		{"key alone without a colon", fm("title: A", "documents", "  - title: R"),
			`3:10: a colon is missing after "documents": documents:`},
		{"character before a key", fm("title: A", "*draft: false"),
			`3:1: "*" before the key "draft": delete it, so that the line reads draft: false`},
		{"percent before a key", fm("title: A", "%aliases: [/a/]"),
			`3:1: "%" before the key "aliases": delete it, so that the line reads aliases: [/a/]`},
		{"no space after the colon, then a reserved character", fm("title: A", "date:%2013", "region: global"),
			`3:6: a space is missing after the colon: date: "%2013"`},
		{"dash before a key", fm("title: A", "- date: 2013-09-12", "region: global"),
			`3:1: "- " before the key "date": delete it, so that the line reads date: 2013-09-12`},
		{"bullet before a key", fm("title: A", "* format: online"),
			`3:1: "*" before the key "format": delete it, so that the line reads format: online`},
		{"block text not indented", fm("summary: |", "The meeting", "region: global"),
			`3:1: the text of a "|" block must be indented under its key: indent this line by 2 spaces`},

		// Other characters, line ends, byte order mark.
		{"control character", fm("title: Labour\x1bmigration"),
			`2:14: invisible control character U+001B (often pasted from another program): delete it`},
		{"characters counted, not bytes", fm("title: Migración laboral: España"),
			`2:25: a title that contains ": " must be in quotes: title: "Migración laboral: España"`},
		{"CRLF", strings.ReplaceAll(fm("title: A", "summary: Labour migration: skills", "region: global"), "\n", "\r\n"),
			`3:26: a summary that contains ": " must be in quotes: summary: "Labour migration: skills"`},
		{"CRLF unclosed quote", strings.ReplaceAll(fm(`title: "Labour migration`, "date: 2013-09-12", `location: "Geneva"`), "\n", "\r\n"),
			`2:8: the quote that starts this title is not closed on this line: title: "Labour migration"`},
		{"BOM", "\ufeff" + fm("title: A", "summary: Labour migration: skills"),
			`3:26: a summary that contains ": " must be in quotes: summary: "Labour migration: skills"`},
		{"BOM and CRLF", "\ufeff" + strings.ReplaceAll(fm("title: 'Women's rights'"), "\n", "\r\n"),
			`2:14: an apostrophe inside single quotes ends the quoted text: use double quotes: title: "Women's rights", or write the apostrophe twice: title: 'Women''s rights'`},

		// What is not recognised keeps the parser's words, at the first
		// line that fails.
		{"unrecognised", fm("title: A", "topics: [a: b: c]"),
			`3:1: invalid YAML: did not find expected ',' or ']'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := load(t, map[string]string{p: tt.src})
			want := "content/" + p + ":" + tt.want
			if len(errs) != 1 || errs[0].Error() != want {
				t.Errorf("got %d problems:\n%v\nwant:\n%s", len(errs), errs, want)
			}
		})
	}
}

// TestYAMLErrorsSite: site.yaml goes through the same explanations.
func TestYAMLErrorsSite(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: IOM: CSO archive\nbase_url: https://x.example/\n",
			`content/site.yaml:1:11: a title that contains ": " must be in quotes: title: "IOM: CSO archive"`},
		{"\ufefftitle: T\r\nregions:\r\n  - key: global\r\n   name: Global\r\n",
			`content/site.yaml:4:4: "name" is not lined up under "key", the first key after "- " on line 3: indent it by 4 spaces, like "key"`},
		{"- title: T\nbase_url: https://x.example/\n",
			`content/site.yaml:1:1: site.yaml is keys and values, not a list: remove the "- " at the start of this line`},
	}
	for _, tt := range tests {
		_, errs := ParseSite("content/site.yaml", []byte(tt.src))
		if len(errs) != 1 || errs[0].Error() != tt.want {
			t.Errorf("%q: got %d problems:\n%v\nwant:\n%s", tt.src, len(errs), errs, tt.want)
		}
	}
}

// TestYAMLErrorsLong: past the length where the first failing line is
// looked for by parsing, the explanations still land where the author
// must act.
func TestYAMLErrorsLong(t *testing.T) {
	const p = "annual-consultations/2013-x.md"
	// Lines 2 to 423; the mistake starts on line 424.
	head := "---\ntitle: A\norganizers:\n" + strings.Repeat("  - IOM\n", 420)
	tests := []struct{ tail, want string }{
		{"summary: Labour migration: skills\n",
			`424:26: a summary that contains ": " must be in quotes: summary: "Labour migration: skills"`},
		{"location: \"Labour migration\ndate: 2013-09-12\nregion: \"global\"\n",
			`424:11: the quote that starts this location is not closed on this line: location: "Labour migration"`},
		{"summary: 'Women's rights'\n",
			`424:16: an apostrophe inside single quotes ends the quoted text: use double quotes: summary: "Women's rights", or write the apostrophe twice: summary: 'Women''s rights'`},
		{"documents:\n  - title: R\n  file: r.pdf\n",
			`426:3: "file" is not lined up under "title", the first key after "- " on line 425: indent it by 4 spaces, like "title"`},
	}
	for _, tt := range tests {
		_, errs := load(t, map[string]string{p: head + tt.tail + "---\n"})
		want := "content/" + p + ":" + tt.want
		if len(errs) != 1 || errs[0].Error() != want {
			t.Errorf("%q: got %d problems:\n%v\nwant:\n%s", tt.tail, len(errs), errs, want)
		}
	}
}

// FuzzExplainYAML: whatever the text, an explanation points inside it
// (a line of the text, a column at most one past the line's end), and its
// message is valid UTF-8 without control characters, of bounded length
// however long the author's value.
func FuzzExplainYAML(f *testing.F) {
	for _, s := range []string{
		"title: Labour migration: skills\n",
		"title: \"Labour migration\ndate: 2013-09-12\nlocation: \"Geneva\"\n",
		"title: 'Women's rights'\n",
		"documents:\n  - title: R\n  file: r.pdf\n",
		"organizers: [\"IOM\" \"UNHCR\"]\ntopics: [a,,b\n",
		"summary: @IOM \x01\ttab\n",
		"location: \"C:\\data\"\n",
		"- a\nb: c\n",
		"summary: " + strings.Repeat("long ", 100) + ": x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > MaxFrontMatterSize {
			return
		}
		var n yaml.Node
		err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&n)
		if err == nil {
			return
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			msg = m[2]
		}
		lines := strings.Split(string(src), "\n")
		for _, exact := range []bool{true, false} {
			for _, line := range []int{1, len(lines) / 2, len(lines)} {
				h := explainYAML(src, "the front matter", 1, line, exact, msg)
				if h == nil {
					continue
				}
				if h.line < 1 || h.line > len(lines) || h.col < 1 || h.col > utf8.RuneCountInString(lines[h.line-1])+1 {
					t.Fatalf("%d:%d outside the text: %s", h.line, h.col, h.msg)
				}
				if !utf8.ValidString(h.msg) && utf8.Valid(src) || strings.ContainsFunc(h.msg, unicode.IsControl) {
					t.Fatalf("message with invalid or control characters: %q", h.msg)
				}
				if n := utf8.RuneCountInString(h.msg); n > 600 {
					t.Fatalf("message of %d characters: %s", n, h.msg)
				}
			}
		}
	})
}

// TestYAMLKeysKnowEveryKey: the keys yamlerr recognizes in a line that lost
// its colon include every key the decoder reads.
func TestYAMLKeysKnowEveryKey(t *testing.T) {
	for _, k := range slices.Concat(eventKeys, pageKeys, organizationKeys) {
		if !slices.Contains(yamlKeys, k) {
			t.Errorf("yamlKeys lacks %q", k)
		}
	}
}
