package content

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// zipOf returns a ZIP file of the named entries, in order; "mimetype" is
// stored uncompressed, as OpenDocument requires.
func zipOf(t testing.TB, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(entries); i += 2 {
		h := &zip.FileHeader{Name: entries[i], Method: zip.Deflate}
		if entries[i] == "mimetype" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, entries[i+1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// storedMimetype returns a ZIP file whose first entry, "mimetype", gives
// its sizes before its data, as LibreOffice writes it.
func storedMimetype(t testing.TB, mime string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte(mime)),
		CompressedSize64: uint64(len(mime)), UncompressedSize64: uint64(len(mime))})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, mime)
	if w, err = zw.Create("content.xml"); err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "<x/>")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ftyp returns the start of an ISO media file with these brands.
func ftyp(major string, compatible ...string) []byte {
	box := []byte("\x00\x00\x00\x00ftyp" + major + "\x00\x00\x00\x00" + strings.Join(compatible, ""))
	binary.BigEndian.PutUint32(box, uint32(len(box)))
	return append(box, "\x00\x00\x00\x08meta"...)
}

func TestCheckType(t *testing.T) {
	ole := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 504)
	// The big padding entry first puts [Content_Types].xml far from the
	// start: it is found in the ZIP's directory, not by its position.
	padding := strings.Repeat("x", 3*sniffLen)
	docx := zipOf(t, "_rels/.rels", padding, "word/document.xml", "<w/>", "[Content_Types].xml", "<Types/>")
	xlsx := zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<w/>")
	pptx := zipOf(t, "[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<p/>")
	odt := zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>")
	ods := zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>")
	odp := zipOf(t, "mimetype", "application/vnd.oasis.opendocument.presentation", "content.xml", "<x/>")
	plainZip := zipOf(t, "a.txt", "a", "b.txt", "b")
	odg := zipOf(t, "mimetype", "application/vnd.oasis.opendocument.graphics", "content.xml", "<x/>")
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	jpeg := "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"
	webp := "RIFF\x24\x00\x00\x00WEBPVP8 "
	html := "<!DOCTYPE html><title>x</title><script src=evil.js></script>"
	svg := `<?xml version="1.0"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`
	longText := strings.Repeat("é", sniffLen) // a character cut at the end of the sample

	tests := []struct {
		name, data string
		want       string // "" when allowed, else the start of the reason
	}{
		{"report.pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", ""},
		{"REPORT.PDF", "%PDF-1.4", ""},
		{"minutes.doc", ole, ""},
		{"budget.xls", ole, ""},
		{"slides.ppt", ole, ""},
		{"minutes.docx", string(docx), ""},
		{"budget.xlsx", string(xlsx), ""},
		{"slides.pptx", string(pptx), ""},
		{"minutes.odt", string(odt), ""},
		{"budget.ods", string(ods), ""},
		{"slides.odp", string(odp), ""},
		{"minutes2.odt", string(storedMimetype(t, "application/vnd.oasis.opendocument.text")), ""},
		{"data.csv", "year,count\n2013,12\n", ""},
		{"notes.txt", "Notes, in UTF-8: café.\n", ""},
		{"long.txt", longText, ""},
		{"source.txt", html, ""}, // served as text/plain with nosniff: shown, never run
		{"photo.png", png, ""},
		{"photo.jpg", jpeg, ""},
		{"photo.JPEG", jpeg, ""},
		{"anim.gif", "GIF89a\x01\x00\x01\x00", ""},
		{"photo.webp", webp, ""},
		{"photo.avif", string(ftyp("avif", "mif1", "miaf")), ""},
		{"photo2.avif", string(ftyp("mif1", "avif")), ""},

		{"page.html", html, "is an HTML page"},
		{"page.htm", html, "is an HTML page"},
		{"chart.svg", svg, "is an SVG image"},
		{"evil.js", "alert(1)\n", "has the extension .js (its content is plain text)"},
		{"archive.zip", string(plainZip), "has the extension .zip (its content is a ZIP archive)"},
		{"README", "read me\n", "has no extension (its content is plain text)"},
		{"minutes.pdf", "<html><body><script src=evil.js></script></body></html>", "is named .pdf but its content is HTML"},
		{"chart.png", svg, "is named .png but its content is an SVG image"},
		{"photo.jpg", png, "is named .jpg but its content is a PNG image"},
		{"empty.pdf", "", "is named .pdf but its content is empty (0 bytes)"},
		{"minutes.docx", string(xlsx), "is named .docx but its content is an Excel workbook (.xlsx)"},
		{"minutes.docx", string(plainZip), "is named .docx but its content is a ZIP archive"},
		{"minutes.docx", string(zipOf(t, "[Content_Types].xml", "<Types/>")), "is named .docx but its content is an Office Open XML package of an unknown kind"},
		{"minutes.docx", string(odt), "is named .docx but its content is an OpenDocument text (.odt)"},
		{"minutes.odt", string(odg), "is named .odt but its content is a ZIP archive"},
		{"minutes.odt", string(storedMimetype(t, "application/vnd.oasis.opendocument.text-template")), "is named .odt but its content is a ZIP archive"},
		{"minutes.odt", string(zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text-template", "content.xml", "<x/>")), "is named .odt but its content is a ZIP archive"},
		{"minutes.doc", "%PDF-1.4", "is named .doc but its content is PDF"},
		{"data.csv", "a,b\x00c\n", "is named .csv but its content is binary data of an unknown type"},
		{"notes.txt", "caf\xE9\n", "is named .txt but its content is binary data of an unknown type"},
		{"notes.txt", "\xFF\xFEh\x00i\x00", "is named .txt but its content is binary data of an unknown type"}, // UTF-16
		{"photo.avif", string(ftyp("heic", "mif1", "heic")), "is named .avif but its content is binary data"},
	}
	for _, tc := range tests {
		data := []byte(tc.data)
		r, err := checkType(tc.name, sniffer{r: bytes.NewReader(data), at: bytes.NewReader(data), size: int64(len(data))})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		switch {
		case tc.want == "" && r != nil:
			t.Errorf("%s: refused: %s", tc.name, r.reason)
		case tc.want != "" && r == nil:
			t.Errorf("%s: allowed, want %q", tc.name, tc.want)
		case tc.want != "" && !strings.HasPrefix(r.reason, tc.want):
			t.Errorf("%s: reason %q, want %q", tc.name, r.reason, tc.want)
		case r != nil && !strings.Contains(r.advice, "allowed: "+AllowedAttachments):
			t.Errorf("%s: advice %q does not list the allowed types", tc.name, r.advice)
		}
	}
}

// TestSniffReadsLittle: the type is told from the first sniffLen bytes
// (and a ZIP's directory), not by reading the whole file.
func TestSniffReadsLittle(t *testing.T) {
	const size = 1 << 30
	r := &countingReader{size: size, head: []byte("%PDF-1.4\n")}
	if ref, err := checkType("big.pdf", sniffer{r: r, size: size}); err != nil || ref != nil {
		t.Fatalf("refusal %v, error %v", ref, err)
	}
	if r.read > sniffLen {
		t.Errorf("read %d bytes to sniff, want at most %d", r.read, sniffLen)
	}
}

// countingReader is a file of size bytes that starts with head, and counts
// what is read of it.
type countingReader struct {
	size, read int64
	head       []byte
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.read >= r.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), r.size-r.read))
	for i := range n {
		if off := r.read + int64(i); off < int64(len(r.head)) {
			p[i] = r.head[off]
		} else {
			p[i] = 0
		}
	}
	r.read += int64(n)
	return n, nil
}

// TestAttachmentRefusedInLoad: a refused attachment is an error at its own
// path, and at the line of the document that names it.
func TestAttachmentRefusedInLoad(t *testing.T) {
	src := strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: R\n    file: report.pdf\n  - title: Ok\n    file: ok.pdf", 1)
	_, errs := load(t, map[string]string{
		"annual-consultations/2013-x/index.md":   src,
		"annual-consultations/2013-x/report.pdf": "<html><script>alert(1)</script></html>",
		"annual-consultations/2013-x/ok.pdf":     "%PDF-1.4\n",
		"annual-consultations/2013-x/img/a.svg":  "<svg/>",
	})
	want := []string{
		`content/annual-consultations/2013-x/img/a.svg: attachment "a.svg" is an SVG image; SVG can hold script that runs when the file is opened, so it cannot be an attachment: export the chart or picture as PNG (or WebP) and attach that (allowed: ` + AllowedAttachments + ")",
		`content/annual-consultations/2013-x/index.md:8:5: document "R": file "report.pdf" is named .pdf but its content is HTML (see the error on content/annual-consultations/2013-x/report.pdf)`,
		`content/annual-consultations/2013-x/report.pdf: attachment "report.pdf" is named .pdf but its content is HTML; attachments are checked by their content: export or save the file again as PDF, or give it the extension of the type it is (allowed: ` + AllowedAttachments + ")",
	}
	if got := errStrings(errs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func errStrings(l List) []string {
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
}

// bigFS is a file system whose attachment big.pdf claims size bytes and
// fails the test if it is ever opened.
type bigFS struct {
	fstest.MapFS
	t    *testing.T
	size int64
}

const bigName = "annual-consultations/2013-x/big.pdf"

func (f bigFS) Open(name string) (fs.File, error) {
	if name == bigName {
		f.t.Errorf("%s was opened", name)
		return nil, errors.New("opened")
	}
	return f.MapFS.Open(name)
}

func (f bigFS) ReadDir(name string) ([]fs.DirEntry, error) {
	list, err := f.MapFS.ReadDir(name)
	for i, de := range list {
		if name+"/"+de.Name() == bigName {
			list[i] = fs.FileInfoToDirEntry(bigInfo{f.size})
		}
	}
	return list, err
}

type bigInfo struct{ size int64 }

func (i bigInfo) Name() string       { return "big.pdf" }
func (i bigInfo) Size() int64        { return i.size }
func (i bigInfo) Mode() fs.FileMode  { return 0o644 }
func (i bigInfo) ModTime() time.Time { return time.Time{} }
func (i bigInfo) IsDir() bool        { return false }
func (i bigInfo) Sys() any           { return nil }

// TestAttachmentSizeLimit: an attachment over the limit is refused by its
// size from the file system, without being opened; site.yaml's
// attachments.max_size_mb sets the limit.
func TestAttachmentSizeLimit(t *testing.T) {
	src := strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: Big\n    file: big.pdf", 1)
	for _, tc := range []struct {
		site string
		size int64
		want []string
	}{
		{siteYAML, 3 << 30, []string{
			`content/annual-consultations/2013-x/big.pdf: attachment "big.pdf" is 3072.0 MB; the limit is 50 MB; make it smaller`,
			`content/annual-consultations/2013-x/index.md:8:5: document "Big": file "big.pdf" is 3072.0 MB; the limit is 50 MB (see the error on content/annual-consultations/2013-x/big.pdf)`,
		}},
		{siteYAML, 50<<20 + 1, []string{`big.pdf" is 50.0 MB; the limit is 50 MB`}},
		{siteYAML + "attachments:\n  max_size_mb: 2\n", 3 << 20, []string{`big.pdf" is 3.0 MB; the limit is 2 MB`}},
	} {
		fsys := bigFS{MapFS: fstest.MapFS{
			"site.yaml":                            {Data: []byte(tc.site)},
			"annual-consultations/2013-x/index.md": {Data: []byte(src)},
			bigName:                                {Data: []byte("%PDF-")},
		}, t: t, size: tc.size}
		_, errs := Load(context.Background(), fsys, Options{})
		got := strings.Join(errStrings(errs), "\n")
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("size %d: errors lack %q:\n%s", tc.size, w, got)
			}
		}
	}
}

func TestAttachmentSizeSetting(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want int64
		err  string
	}{
		{"", 50 << 20, ""},
		{"attachments:\n  max_size_mb: 200\n", 200 << 20, ""},
		{"attachments:\n  max_size_mb: 0\n", 50 << 20, "site.yaml:9:16: attachments.max_size_mb: 0 is not between 1 and 1024 (megabytes)"},
		{"attachments:\n  max_size_mb: 5000\n", 50 << 20, "site.yaml:9:16: attachments.max_size_mb: 5000 is not between 1 and 1024 (megabytes)"},
		{"attachments:\n  max_size_mb: 1.5\n", 50 << 20, "site.yaml:9:16: attachments.max_size_mb: expected a whole number"},
		{"attachments:\n  max_size: 5\n", 50 << 20, `site.yaml:9:3: unknown key "max_size"; did you mean "max_size_mb"?`},
	} {
		s, errs := ParseSite("site.yaml", []byte(siteYAML+tc.yaml))
		got := strings.Join(errStrings(errs), "\n")
		if (tc.err == "") != (got == "") || !strings.HasPrefix(got, tc.err) {
			t.Errorf("%q: errors %q, want %q", tc.yaml, got, tc.err)
		}
		if s.MaxAttachmentSize != tc.want {
			t.Errorf("%q: MaxAttachmentSize = %d, want %d", tc.yaml, s.MaxAttachmentSize, tc.want)
		}
	}
}

// TestZIP64Directory: a package with more entries than a ZIP's end record
// counts keeps its directory's place in a ZIP64 end record.
func TestZIP64Directory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 6 MB ZIP")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 1 << 16 {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/media/" + strconv.Itoa(i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	w, _ := zw.Create("[Content_Types].xml")
	io.WriteString(w, "<Types/>")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.Contains(data[len(data)-200:], []byte("PK\x06\x06")) {
		t.Fatal("the test ZIP has no ZIP64 end record")
	}
	r, err := checkType("budget.xlsx", sniffer{r: bytes.NewReader(data), at: bytes.NewReader(data), size: int64(len(data))})
	if err != nil || r != nil {
		t.Errorf("refusal %v, error %v", r, err)
	}
}

// TestAttachmentNamesWithControlCharacters: a name with a line break or
// another control character is refused, so it can never reach the lines of
// the _headers file that lists attachments.
func TestAttachmentNamesWithControlCharacters(t *testing.T) {
	for _, name := range []string{"a\nb.pdf", "a\rb.pdf", "a\tb.pdf", "a\x7fb.pdf"} {
		_, errs := load(t, map[string]string{
			"annual-consultations/2013-x/index.md": good,
			"annual-consultations/2013-x/" + name:  "%PDF-1.4\n",
		})
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, "attachment name") || !strings.HasSuffix(errs[0].Msg, "; rename the file") {
			t.Errorf("%q: errors %v", name, errs)
		}
	}
}
