package generator_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
)

// Bounds every hostile input must stay within, for Check and for Build
// each. They are generous (the race detector slows everything down
// severalfold); what they catch is a hang, or work or memory that grows
// with the size of the attack instead of being refused.
const (
	hostileTime  = time.Minute // markdown's hangTime says why a minute
	hostileAlloc = 64 << 20    // bytes allocated in all, a bound on the heap's growth
)

// okEvent is the well-formed neighbour of every hostile file: its broken
// link must still be reported, which shows that the run carried on.
const okEvent = "---\ntitle: Neighbour\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\n[x](/nowhere/)\n"

const okProblem = "content/annual-consultations/2013-ok.md:8:1: link to /nowhere/: there is no such page or file on the site"

// hostileEvent is an event file with the given front matter lines added
// and the given body.
func hostileEvent(extra, body string) []byte {
	return []byte("---\ntitle: Hostile\ndate: 2013-10-01\nlocation: Geneva\nregion: global\nsummary: S.\n" + extra + "---\n" + body)
}

func billionLaughs() string {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		b.WriteString(string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n")
	}
	return b.String()
}

// TestHostileInput feeds Check and Build one hostile file at a time beside
// a well-formed one. Each must report a clear error for that file, carry
// on with the other, never panic, and stay within time and memory bounds.
func TestHostileInput(t *testing.T) {
	const p = "annual-consultations/2013-hostile.md"
	huge := bytes.Repeat([]byte("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n"), 20<<20/57)
	binary := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range binary {
		binary[i] = byte(rng.UintN(256))
	}
	binary[100] = 0
	tests := []struct {
		name  string
		files map[string][]byte
		path  string // of the problem that must be reported
		want  string // a part of its message
		// builds: Build succeeds, because the problem is one only check
		// reports (links) or there is none.
		builds bool
	}{
		{"YAML alias bomb", map[string][]byte{p: []byte("---\n" + billionLaughs() + "title: *i\ndate: 2013-10-01\n---\n")},
			p, `title: YAML aliases (*i) are not allowed; write the value out`, false},
		{"alias bomb in a list", map[string][]byte{p: hostileEvent("x: &x [a, a, a, a, a, a, a, a, a]\ny: &y [*x, *x, *x, *x, *x, *x, *x, *x]\ntopics: *y\n", "")},
			p, `topics: YAML aliases (*y) are not allowed`, false},
		{"20 MB Markdown file", map[string][]byte{p: append(hostileEvent("", ""), huge...)},
			p, "file is 20.0 MB; the limit is 1 MB", false},
		{"deeply nested YAML (flow)", map[string][]byte{p: hostileEvent("topics: "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n", "")},
			p, "exceeded max depth of 10000", false},
		{"deeply nested YAML (maps)", map[string][]byte{p: hostileEvent("topics: "+strings.Repeat("{a: ", 12000)+"b"+strings.Repeat("}", 12000)+"\n", "")},
			p, "exceeded max depth of 10000", false},
		{"deeply nested YAML (indentation)", map[string][]byte{p: hostileEvent("topics:\n"+func() string {
			var b strings.Builder
			for i := range 400 {
				b.WriteString(strings.Repeat(" ", i+1) + "- \n")
			}
			return b.String()
		}(), "")},
			p, "front matter is 79 KB; the limit is 64 KB", false},
		{"long front matter broken at its end", map[string][]byte{p: hostileEvent("organizers:\n"+strings.Repeat("  - \""+strings.Repeat("x", 150)+"\"\n", 390)+"location: [Geneva\n", "")},
			p + ":398:11", `a location that starts with "[" must be in quotes: location: "[Geneva"`, false},
		{"binary file named .md", map[string][]byte{p: binary},
			p, "this is not a text file (it holds NUL bytes)", false},
		{"invalid UTF-8", map[string][]byte{p: []byte("---\ntitle: caf\xe9\n---\n")},
			p + ":2:11", "invalid UTF-8: save the file with UTF-8 encoding", false},
		{"only front matter", map[string][]byte{p: []byte("---\ntitle: Only\ndate: 2013-10-01\nlocation: Geneva\nregion: global\nsummary: S.\n---")},
			"", "", true},
		{"only an empty front matter", map[string][]byte{p: []byte("---\n---\n")},
			p + ":2:1", `required key "title" is missing`, false},
		{"front matter never closed", map[string][]byte{p: []byte("---\ntitle: Open\n" + strings.Repeat("x: y\n", 100000))},
			p + ":1", "front matter is never closed", false},
		{"front matter is a list", map[string][]byte{p: []byte("---\n- title: A\n- date: 2013-10-01\n---\n")},
			p + ":2:1", "front matter must be a map of keys to values, found a list", false},
		{"front matter is a scalar", map[string][]byte{p: []byte("---\njust words\n---\n")},
			p + ":2:1", `front matter must be a map of keys to values, found "just words"`, false},
		{"attachment path with ..", map[string][]byte{"annual-consultations/2013-hostile/index.md": hostileEvent("documents:\n  - title: R\n    file: ../../../../etc/passwd\n", "")},
			"annual-consultations/2013-hostile/index.md:9:11", `points outside the bundle folder`, false},
		{"absolute attachment path", map[string][]byte{"annual-consultations/2013-hostile/index.md": hostileEvent("documents:\n  - title: R\n    file: /etc/passwd\n", "")},
			"annual-consultations/2013-hostile/index.md:9:11", `is an absolute path`, false},
		{"Windows attachment path", map[string][]byte{"annual-consultations/2013-hostile/index.md": hostileEvent("documents:\n  - title: R\n    file: 'C:\\Windows\\win.ini'\n", "")},
			"annual-consultations/2013-hostile/index.md:9:11", `is an absolute path`, false},
		{"link out of the site", map[string][]byte{p: hostileEvent("", "[x](../../../../../../etc/passwd) [y](../../../../etc/passwd.md)\n")},
			p + ":8:1", "link to /etc/passwd: there is no such page or file on the site", false},
		{"slugs that differ only by case", map[string][]byte{p: hostileEvent("", ""), "annual-consultations/2013-Hostile.md": hostileEvent("", "")},
			"annual-consultations/2013-Hostile.md", `"2013-Hostile" is not a valid slug`, false},
		{"bundle and file with one slug", map[string][]byte{p: hostileEvent("", ""), "annual-consultations/2013-hostile/index.md": hostileEvent("", "")},
			p, "event /annual-consultations/2013-hostile/ has the address of the event made by content/annual-consultations/2013-hostile/index.md", false},
		{"Windows reserved name", map[string][]byte{"annual-consultations/con.md": hostileEvent("", "")},
			"annual-consultations/con.md", `"con.md" is a reserved file name on Windows`, false},
		{"Windows reserved attachment", map[string][]byte{"annual-consultations/2013-hostile/index.md": hostileEvent("", ""), "annual-consultations/2013-hostile/aux.pdf": []byte("%PDF")},
			"annual-consultations/2013-hostile/aux.pdf", `"aux.pdf" is a reserved file name on Windows`, false},
		{"attachment name Windows refuses", map[string][]byte{"annual-consultations/2013-hostile/index.md": hostileEvent("", ""), "annual-consultations/2013-hostile/a:b.pdf": []byte("%PDF")},
			"annual-consultations/2013-hostile/a:b.pdf", `Windows does not allow in file names`, false},
		{"500-character title", map[string][]byte{p: bytes.Replace(hostileEvent("", ""), []byte("title: Hostile"), []byte("title: "+strings.Repeat("é", 500)), 1)},
			p + ":2:8", "title is 500 characters long; the limit is 200", false},
		{"Markdown nested 10,000 levels", map[string][]byte{p: hostileEvent("", strings.Repeat(">", 10000)+" deep\n")},
			p, "nested too deeply", false},
		{"Markdown lists nested 10,000 levels", map[string][]byte{p: hostileEvent("", strings.Repeat("- ", 10000)+"deep\n")},
			p, "nested too deeply", false},
		{"Markdown nested over many lines", map[string][]byte{p: hostileEvent("", func() string {
			var b strings.Builder
			for i := range 10000 {
				b.WriteString(strings.Repeat(" ", i%40) + "> x\n")
			}
			return b.String()
		}())},
			"", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.yaml":                       {Data: []byte(checkSiteYAML)},
				"annual-consultations/2013-ok.md": {Data: []byte(okEvent)},
			}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: data}
			}
			checkHostile(t, fsys, tt.path, tt.want, tt.builds)
		})
	}
}

// TestHostileMarkdown feeds Check and Build Markdown bodies whose cost,
// in goldmark, chroma or the HTML they render to, grows much faster than
// their size. Each is refused with its line in the file (the body starts
// at line 8), or, where a shape just under a limit is honest, built within
// the bounds.
func TestHostileMarkdown(t *testing.T) {
	const p = "annual-consultations/2013-hostile.md"
	// A reference of 2 KB, used 1,000 times in each paragraph.
	refDef := "[r]: https://example.org/" + strings.Repeat("a", 1000) + " \"" + strings.Repeat("t", 1000) + "\"\n\n"
	refPara := strings.Repeat("[r] ", 1000) + "\n\n"
	noteDef := "[^a]: " + strings.Repeat("note ", 400) + "\n\n"
	notePara := strings.Repeat("[^a] ", 500) + "\n\n"
	table := func(cols, rows int, row string) string {
		var b strings.Builder
		b.WriteString("|" + strings.Repeat(" a |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n")
		for range rows {
			b.WriteString(row)
		}
		return b.String()
	}
	lines := func(size int, line func(i int) string) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			b.WriteString(line(i))
		}
		return b.String()
	}
	tests := []struct {
		name   string
		body   string
		path   string // of the problem, with its line
		want   string // its whole message; "" when it builds
		builds bool
	}{
		{"link reference used 15,000 times (62 KB)", refDef + strings.Repeat(refPara, 15),
			p + ":8", "markdown link reference [r] is used 15000 times: this record would render to about 29.2 MB of HTML, more than its limit of", false},
		{"link reference used 45,000 times (182 KB)", refDef + strings.Repeat(refPara, 45),
			p + ":48", "markdown document has too many emphasis or link markers (more than 40000 in all); split the record", false},
		{"link reference used 750,000 times (3 MB): over the file size", refDef + strings.Repeat(refPara, 750),
			p, "file is 2.9 MB; the limit is 1 MB", false},
		{"link reference used 50 times", refDef + strings.Repeat("[r] ", 50) + "\n",
			"", "", true},
		{"footnote used 15,000 times", noteDef + strings.Repeat(notePara, 30),
			p + ":8", "markdown footnote [^a] is used 15000 times", false},
		{"table padded to 20,000 empty cells", table(100, 199, "|\n"),
			p + ":8", "markdown this record would render to more than its limit of 88 KB of HTML (20 times its size plus 64 KB), passed in the block at this line; a footnote or link reference used many times is the usual cause", false},
		{"table of 1 MB", table(4, 1000000/18, "| 1 | 2 | 3 | 4 |\n"),
			p + ":8", "markdown tables too large (more than 20000 cells in this record, a row counting as many cells as its table has columns); split the table or the record", false},
		{"table of 20,000 cells", table(4, markdown.MaxTableCells/4-1, "| 1 | 2 | 3 | 4 |\n"),
			"", "", true},
		{"1 MB of lists nested by indentation", lines(1000000, func(i int) string { return strings.Repeat("  ", i%100) + "- x\n" }),
			p + ":8", "markdown lists and block quotes too long (more than 20000 lines in them, a line counting once for each list or quote around it); split the record or flatten the lists", false},
		{"1 MB of lists nested ever deeper", lines(1000000, func(i int) string { return strings.Repeat("  ", i) + "- x\n" }),
			p + ":108", "markdown nested too deeply (more than 100 levels)", false},
		{"list of 20,000 items", strings.Repeat("- item\n", markdown.MaxNestedLines),
			"", "", true},
		{"512 KB of Go with an unclosed comment", "```go\n/*" + strings.Repeat("// "+strings.Repeat("a", 60)+"\n", 512<<10/64) + "```\n",
			"", "", true},
		{"highlighted blocks that each take chroma time quadratic in their length", strings.Repeat("```yaml\n"+strings.Repeat("- [", 1300)+"\n```\n\n", 100),
			"", "", true},
		{"blocks of Go with an unclosed comment, within the highlighting budget", strings.Repeat("```go\n/*"+strings.Repeat(strings.Repeat("a", 60)+"\n", 33)+"```\n\n", 100),
			"", "", true},
		{"a language whose lexer panics", "```yang\n/*a\n/*a\n```\n",
			"", "", true},
		{"a language whose lexer backtracks exponentially", "```v\n" + strings.Repeat("/*a\n", 1000) + "```\n",
			"", "", true},
		// Every line and every marker costs goldmark about a kilobyte,
		// however short: 1 MB of them took 250-280 MB before these limits.
		{"1 MB of one-letter lines", strings.Repeat("a\n", 500000),
			p + ":50008", "markdown document too long (more than 50000 lines); split the record, or link to the full text as a document", false},
		{"1 MB of one-letter paragraphs", strings.Repeat("a\n\n", 333000),
			p + ":50008", "markdown document too long (more than 50000 lines)", false},
		{"1 MB of short emphasis, 400 to a paragraph", strings.Repeat(strings.Repeat("*a* ", 400)+"\n\n", 620),
			p + ":108", "markdown document has too many emphasis or link markers (more than 40000 in all); split the record", false},
		{"49,990 lines", strings.Repeat("a\n", 49990),
			"", "", true},
		{"39,000 link markers", strings.Repeat(strings.Repeat("[a](https://example.org/) ", 50)+"\n\n", 390),
			"", "", true},
		{"1 MB of prose", lines(1000000, func(i int) string {
			return "The consultation brought together civil society organizations from many regions.\n"
		}), "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.yaml":                       {Data: []byte(checkSiteYAML)},
				"annual-consultations/2013-ok.md": {Data: []byte(okEvent)},
				p:                                 {Data: hostileEvent("", tt.body)},
			}
			checkHostile(t, fsys, tt.path, tt.want, tt.builds)
		})
	}
}

// checkHostile runs Check and Build on fsys within the bounds, and wants
// a problem at path (a prefix of "path:line:col") whose message holds
// want, besides the neighbour's. An empty want means no other problem.
// Build reports the same problem unless builds (it is only a warning).
func checkHostile(t *testing.T, fsys fs.FS, path, want string, builds bool) {
	t.Helper()
	var problems content.List
	bounded(t, "Check", func() {
		var err error
		problems, err = generator.Check(context.Background(), generator.Config{Content: fsys, Today: checkToday})
		if err != nil {
			t.Errorf("Check: %v", err)
		}
	})
	found, neighbour := want == "", false
	for _, p := range problems {
		s := p.Error()
		switch {
		case s == okProblem:
			neighbour = true
		case want != "" && strings.HasPrefix(s, "content/"+path) && strings.Contains(p.Msg, want):
			found = true
		case want == "":
			t.Errorf("unexpected problem: %s", s)
		}
	}
	if !found {
		t.Errorf("no problem at %s saying %q; got:\n%v", path, want, problems)
	}
	if !neighbour {
		t.Errorf("the neighbour's problem is missing: the run did not carry on; got:\n%v", problems)
	}
	// Build fails: on the hostile input unless builds, else on the
	// neighbour's broken link, as Check reports them. (Build stops at
	// problems in loading, so it reports the neighbour only when the
	// hostile input loads.)
	bounded(t, "Build", func() {
		_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Today: checkToday})
		var list content.List
		if !errors.As(err, &list) {
			t.Fatalf("Build: %v, want the content problems", err)
		}
		neighbour, hostile := false, false
		for _, p := range list {
			switch s := p.Error(); {
			case s == okProblem:
				neighbour = true
			case want != "" && strings.HasPrefix(s, "content/"+path) && strings.Contains(p.Msg, want):
				hostile = true
			}
		}
		switch {
		case builds && !neighbour:
			// The hostile input passed: the links were checked.
			t.Errorf("Build did not report the neighbour's problem:\n%v", list)
		case !builds && !hostile && !neighbour:
			t.Errorf("Build did not report %q at %s:\n%v", want, path, list)
		case builds && hostile:
			t.Errorf("Build reported %q at %s, which only check warns about", want, path)
		}
	})
}

// bounded runs fn and fails the test if it takes longer than hostileTime
// or allocates more than hostileAlloc bytes. A run that hangs is reported
// after hostileTime, not when the test binary times out.
func bounded(t *testing.T, what string, fn func()) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(hostileTime):
		t.Fatalf("%s did not finish within %v", what, hostileTime)
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%s: %v, %.1f MB allocated", what, elapsed.Round(time.Millisecond), float64(alloc)/(1<<20))
	if alloc > hostileAlloc {
		t.Errorf("%s allocated %.1f MB; the bound is %d MB", what, float64(alloc)/(1<<20), hostileAlloc>>20)
	}
}

// TestHostileFileSystem: symbolic links (in a loop, or out of the content
// folder) are refused, never followed, with the content folder opened the
// way the archive command opens it (os.OpenRoot).
func TestHostileFileSystem(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, hostileEvent("", "SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		path  string
		want  string
	}{
		{"symlink loop", func(t *testing.T, dir string) {
			fsSymlink(t, "loop", filepath.Join(dir, "annual-consultations", "loop"))
		}, "annual-consultations/loop", "symbolic links are not followed"},
		{"symlinks in a circle", func(t *testing.T, dir string) {
			fsSymlink(t, "b.md", filepath.Join(dir, "annual-consultations", "2013-a.md"))
			fsSymlink(t, "2013-a.md", filepath.Join(dir, "annual-consultations", "b.md"))
		}, "annual-consultations/2013-a.md", "symbolic links are not followed"},
		{"folder symlink to its parent", func(t *testing.T, dir string) {
			fsSymlink(t, "..", filepath.Join(dir, "annual-consultations", "2013-up"))
		}, "annual-consultations/2013-up", "symbolic links are not followed"},
		{"symlink out of content", func(t *testing.T, dir string) {
			fsSymlink(t, secret, filepath.Join(dir, "annual-consultations", "2013-secret.md"))
		}, "annual-consultations/2013-secret.md", "symbolic links are not followed"},
		{"bundle index.md is a symlink out of content", func(t *testing.T, dir string) {
			fsMkdir(t, filepath.Join(dir, "annual-consultations", "2013-secret"))
			fsSymlink(t, secret, filepath.Join(dir, "annual-consultations", "2013-secret", "index.md"))
		}, "annual-consultations/2013-secret/index.md", "index.md is not a regular file"},
		{"attachment is a symlink out of content", func(t *testing.T, dir string) {
			fsMkdir(t, filepath.Join(dir, "annual-consultations", "2013-secret"))
			fsWrite(t, filepath.Join(dir, "annual-consultations", "2013-secret", "index.md"), hostileEvent("", ""))
			fsSymlink(t, secret, filepath.Join(dir, "annual-consultations", "2013-secret", "secret.pdf"))
		}, "annual-consultations/2013-secret/secret.pdf", "symbolic links are not followed"},
		{"site.yaml is a symlink", func(t *testing.T, dir string) {
			site := filepath.Join(filepath.Dir(dir), "site.yaml")
			fsWrite(t, site, []byte(checkSiteYAML))
			if err := os.Remove(filepath.Join(dir, "site.yaml")); err != nil {
				t.Fatal(err)
			}
			fsSymlink(t, site, filepath.Join(dir, "site.yaml"))
		}, "site.yaml", "site.yaml is not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			fsMkdir(t, filepath.Join(dir, "annual-consultations"))
			fsWrite(t, filepath.Join(dir, "site.yaml"), []byte(checkSiteYAML))
			fsWrite(t, filepath.Join(dir, "annual-consultations", "2013-ok.md"), []byte(okEvent))
			tt.setup(t, dir)
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			if tt.path == "site.yaml" {
				// Nothing else can be read without the site.
				problems, err := generator.Check(context.Background(), generator.Config{Content: root.FS()})
				if err != nil || len(problems) != 1 || !strings.Contains(problems[0].Msg, tt.want) {
					t.Errorf("got %v, %v; want one problem saying %q", problems, err, tt.want)
				}
				return
			}
			checkHostile(t, root.FS(), tt.path, tt.want, false)
			files, _, err := generator.Build(context.Background(), generator.Config{Content: root.FS()})
			if err == nil {
				t.Fatal("Build succeeded")
			}
			for _, data := range files {
				if bytes.Contains(data, []byte("SECRET")) {
					t.Error("a file outside the content folder was read")
				}
			}
		})
	}
}

func fsSymlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

func fsMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func fsWrite(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
