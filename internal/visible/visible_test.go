package visible

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestWriterAndLine(t *testing.T) {
	for _, tt := range []struct{ in, want, line string }{
		{"plain: text, é, 東京, 👩‍👩‍👧 (joined)", "plain: text, é, 東京, 👩‍👩‍👧 (joined)", ""},
		{"two\nlines\twith a tab", "two\nlines\twith a tab", `two\nlines` + "\twith a tab"},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`, ""},
		{"\x1b[2J\x1b[31mred\x1b[0m", `\x1b[2J\x1b[31mred\x1b[0m`, ""},
		{"over\rwrite \x00 \x7f", `over\rwrite \x00 \x7f`, ""},
		{"csi \u009b31m nel \u0085", `csi \u009b31m nel \u0085`, ""},
		{"invoice\u202egpj.exe", `invoice\u202egpj.exe`, ""},
		{"\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c", `\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c`, ""},
		{"zero\u200bwidth\ufeff soft\u00adhyphen \u2028 \u2029", `zero\u200bwidth\ufeff soft\u00adhyphen \u2028 \u2029`, ""},
		{"tag \U000e0041", `tag \U000e0041`, ""},
		{"bad \xff\xc3 utf-8", `bad \xff\xc3 utf-8`, ""},
		{`C:\Windows\win.ini`, `C:\Windows\win.ini`, ""},
	} {
		if got := text(tt.in); got != tt.want {
			t.Errorf("Writer(%q) = %q, want %q", tt.in, got, tt.want)
		}
		line := tt.line
		if line == "" {
			line = tt.want
		}
		if got := Line(tt.in); got != line {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, line)
		}
	}
}

// TestNothingHiddenLeft: whatever the input, the output holds no hidden
// character and is valid UTF-8.
func TestNothingHiddenLeft(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x30000; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\xff\xfe\xc0\x80\xed\xa0\x80")
	for _, out := range []string{text(all.String()), Line(all.String())} {
		if !utf8.ValidString(out) {
			t.Error("output is not valid UTF-8")
		}
		for _, r := range out {
			if Hidden(r) {
				t.Fatalf("output holds %U", r)
			}
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("\x1b]0;t\x07 \u202e \u009b \xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{text(s), Line(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("%q: output %q is not UTF-8", s, out)
			}
			for _, r := range out {
				if Hidden(r) {
					t.Fatalf("%q: output %q holds %U", s, out, r)
				}
			}
		}
		if strings.Contains(Line(s), "\n") {
			t.Fatalf("Line(%q) holds a newline", s)
		}
		var b bytes.Buffer
		if err := json.NewEncoder(&b).Encode(s); err != nil {
			t.Fatal(err)
		}
		out := JSON(b.Bytes())
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q: JSON %s: %v", s, out, err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("%q: JSON decodes to %q", s, back)
		}
		for _, r := range string(out) {
			if Hidden(r) && r != '\n' {
				t.Fatalf("%q: JSON %s holds %U", s, out, r)
			}
		}
	})
}

// TestJSON: encoding/json leaves DEL, C1 and bidi controls raw; JSON
// escapes them, and the text still decodes to the original.
func TestJSON(t *testing.T) {
	in := map[string]string{"message": "a\x7fb \u009b31m \u202egpj.exe \U000e0041 \x1b[2J é"}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := JSON(raw)
	want := `{"message":"a\u007fb \u009b31m \u202egpj.exe \udb40\udc41 \u001b[2J é"}`
	if string(out) != want {
		t.Errorf("JSON = %s\nwant   %s", out, want)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["message"] != in["message"] {
		t.Errorf("decodes to %q, %v; want %q", back["message"], err, in["message"])
	}
}

// TestWriter: a character split across writes is judged whole; newlines
// pass; what is left at the end is flushed, escaped.
func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	input := "ok\n\x1b[31mred\u202e東\u009b\n"
	for i := 0; i < len(input); i++ { // one byte at a time
		if n, err := w.Write([]byte{input[i]}); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	w.Write([]byte("end\xe6\x9d")) // a character cut off for good
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "ok\n\\x1b[31mred\\u202e東\\u009b\nend\\xe6\\x9d"
	if b.String() != want {
		t.Errorf("wrote %q\nwant  %q", b.String(), want)
	}
}

// TestWriterConcurrent: a server's goroutines log through one Writer.
func TestWriterConcurrent(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				w.Write([]byte("line \x1b[2J é\n"))
			}
		}()
	}
	wg.Wait()
	if got, want := strings.Count(b.String(), "line \\x1b[2J é\n"), 800; got != want {
		t.Errorf("%d whole lines, want %d", got, want)
	}
}

// text is what a Writer writes for s: s with hidden characters escaped and
// newlines kept.
func text(s string) string {
	var b strings.Builder
	w := NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		panic(err)
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	return b.String()
}
