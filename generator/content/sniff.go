package content

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// Attachments are documents for readers to open or download, published on
// the site's own origin. A file a browser runs (an HTML page, a script, an
// SVG image, which may hold script) would run there with the site's
// rights, so only the types below are published, and each file is checked
// by its content as well as by its extension: a page renamed report.pdf is
// refused too.
//
// SVG is refused although it is an image: opened on its own, an SVG file is
// a document that runs its script. A chart is published as PNG (or WebP)
// instead, which every tool that draws SVG can export.
//
// Text (.txt, .csv) must be UTF-8 without NUL bytes; what it says is not
// examined. A .txt file holding HTML is allowed: it is served as text/plain
// with X-Content-Type-Options: nosniff, so browsers show its source and
// never run it (and the site's _headers sandboxes every attachment besides).

// sniffLen is how much of an attachment is read to tell its type: enough
// for every signature below and for a sample of text. ZIP files are read
// at their end too (their directory), in bounded steps.
const sniffLen = 4096

// contentKind is what an attachment's bytes are, whatever its name says.
type contentKind int

const (
	kindUnknown contentKind = iota
	kindEmpty
	kindPDF
	kindOLE // the container of .doc, .xls and .ppt
	kindDOCX
	kindXLSX
	kindPPTX
	kindOOXML // a ZIP with [Content_Types].xml but no known main part
	kindODT
	kindODS
	kindODP
	kindZIP
	kindPNG
	kindJPEG
	kindGIF
	kindWebP
	kindAVIF
	kindText
	kindHTML
	kindSVG
	kindXML
)

// kindNames completes "its content is …".
var kindNames = map[contentKind]string{
	kindUnknown: "binary data of an unknown type",
	kindEmpty:   "empty (0 bytes)",
	kindPDF:     "PDF",
	kindOLE:     "an Office 97–2003 file (Word, Excel or PowerPoint)",
	kindDOCX:    "a Word document (.docx)",
	kindXLSX:    "an Excel workbook (.xlsx)",
	kindPPTX:    "a PowerPoint presentation (.pptx)",
	kindOOXML:   "an Office Open XML package of an unknown kind",
	kindODT:     "an OpenDocument text (.odt)",
	kindODS:     "an OpenDocument spreadsheet (.ods)",
	kindODP:     "an OpenDocument presentation (.odp)",
	kindZIP:     "a ZIP archive",
	kindPNG:     "a PNG image",
	kindJPEG:    "a JPEG image",
	kindGIF:     "a GIF image",
	kindWebP:    "a WebP image",
	kindAVIF:    "an AVIF image",
	kindText:    "plain text",
	kindHTML:    "HTML",
	kindSVG:     "an SVG image",
	kindXML:     "XML",
}

// textKinds are the kinds that are UTF-8 text.
var textKinds = []contentKind{kindText, kindHTML, kindSVG, kindXML}

// attachmentType is one type an attachment may have: its extensions and
// the kinds of content they may hold.
type attachmentType struct {
	name  string
	exts  []string // lowercase, with the dot
	kinds []contentKind
}

// attachmentTypes is the allow-list, in the order the error messages show it.
var attachmentTypes = []attachmentType{
	{"PDF", []string{".pdf"}, []contentKind{kindPDF}},
	{"Word", []string{".doc", ".docx"}, nil},
	{"Excel", []string{".xls", ".xlsx"}, nil},
	{"PowerPoint", []string{".ppt", ".pptx"}, nil},
	{"OpenDocument", []string{".odt", ".ods", ".odp"}, nil},
	{"CSV", []string{".csv"}, textKinds},
	{"plain text", []string{".txt"}, textKinds},
	{"PNG", []string{".png"}, []contentKind{kindPNG}},
	{"JPEG", []string{".jpg", ".jpeg"}, []contentKind{kindJPEG}},
	{"GIF", []string{".gif"}, []contentKind{kindGIF}},
	{"WebP", []string{".webp"}, []contentKind{kindWebP}},
	{"AVIF", []string{".avif"}, []contentKind{kindAVIF}},
}

// extKinds are the kinds each allowed extension may hold. The office
// formats are more precise than their types' rows: a .docx must be a Word
// package, not any Office one.
var extKinds = func() map[string][]contentKind {
	m := map[string][]contentKind{
		".doc": {kindOLE}, ".xls": {kindOLE}, ".ppt": {kindOLE},
		".docx": {kindDOCX}, ".xlsx": {kindXLSX}, ".pptx": {kindPPTX},
		".odt": {kindODT}, ".ods": {kindODS}, ".odp": {kindODP},
	}
	for _, t := range attachmentTypes {
		for _, ext := range t.exts {
			if t.kinds != nil {
				m[ext] = t.kinds
			}
		}
	}
	return m
}()

// AllowedAttachments lists the allowed attachment types and their
// extensions, as the error messages and the documentation show them.
var AllowedAttachments = func() string {
	var parts []string
	for _, t := range attachmentTypes {
		parts = append(parts, fmt.Sprintf("%s (%s)", t.name, strings.Join(t.exts, ", ")))
	}
	return strings.Join(parts, ", ")
}()

// refusal says why an attachment is not published: reason completes
// `attachment "x"` and `file "x"`; advice says what to do.
type refusal struct {
	reason, advice string
}

// sniffer is what checkAttachment reads a file through: the file opened,
// with its size from stat.
type sniffer struct {
	r    io.Reader
	at   io.ReaderAt // nil when the file cannot be read at an offset
	size int64
}

// checkType decides whether a file named name, whose content s reads, may
// be published as an attachment. It reads at most sniffLen bytes from the
// start and, for ZIP files, their directory at the end, in bounded steps.
func checkType(name string, s sniffer) (*refusal, error) {
	ext := strings.ToLower(path.Ext(name))
	allowed, ok := extKinds[ext]
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(s.r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	head = head[:n]
	kind, err := sniff(head, s)
	if err != nil {
		return nil, err
	}
	what := kindNames[kind]
	list := "allowed: " + AllowedAttachments
	switch {
	case ext == ".html" || ext == ".htm" || ext == ".xhtml":
		return &refusal{"is an HTML page", "a page would run as part of the site, so it cannot be an attachment: put its text in index.md, or attach it as PDF (" + list + ")"}, nil
	case ext == ".svg" || ext == ".svgz":
		return &refusal{"is an SVG image", "SVG can hold script that runs when the file is opened, so it cannot be an attachment: export the chart or picture as PNG (or WebP) and attach that (" + list + ")"}, nil
	case ext == "":
		return &refusal{"has no extension (its content is " + what + ")", "name the file after its type (" + list + ")"}, nil
	case !ok:
		return &refusal{fmt.Sprintf("has the extension %s (its content is %s), which is not a type published as an attachment", ext, what), "convert it to one of the allowed types or remove it (" + list + ")"}, nil
	}
	for _, k := range allowed {
		if k == kind {
			return nil, nil
		}
	}
	advice := "attachments are checked by their content: export or save the file again as " + typeOf(ext) + ", or give it the extension of the type it is (" + list + ")"
	if ext == ".txt" || ext == ".csv" {
		advice = "text attachments must be UTF-8 without NUL bytes: save the file again with UTF-8 encoding (" + list + ")"
	}
	return &refusal{fmt.Sprintf("is named %s but its content is %s", ext, what), advice}, nil
}

// typeOf names the allowed type of an extension.
func typeOf(ext string) string {
	for _, t := range attachmentTypes {
		for _, e := range t.exts {
			if e == ext {
				return t.name
			}
		}
	}
	return ext
}

var (
	sigPDF  = []byte("%PDF-")
	sigOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sigZIP  = []byte("PK\x03\x04")
	sigPNG  = []byte("\x89PNG\r\n\x1a\n")
	sigJPEG = []byte{0xFF, 0xD8, 0xFF}
)

// sniff tells what head, the first bytes of a file, is. s gives access to
// the rest of a ZIP file.
func sniff(head []byte, s sniffer) (contentKind, error) {
	switch {
	case len(head) == 0:
		return kindEmpty, nil
	case bytes.HasPrefix(head, sigPDF):
		return kindPDF, nil
	case bytes.HasPrefix(head, sigOLE):
		return kindOLE, nil
	case bytes.HasPrefix(head, sigPNG):
		return kindPNG, nil
	case bytes.HasPrefix(head, sigJPEG):
		return kindJPEG, nil
	case bytes.HasPrefix(head, []byte("GIF87a")) || bytes.HasPrefix(head, []byte("GIF89a")):
		return kindGIF, nil
	case len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		return kindWebP, nil
	case isAVIF(head):
		return kindAVIF, nil
	case bytes.HasPrefix(head, sigZIP):
		if k := openDocumentKind(head); k != kindUnknown {
			return k, nil
		}
		if s.at == nil {
			return kindZIP, nil
		}
		return officeKind(s.at, s.size)
	}
	return textKind(head, s.size), nil
}

// isAVIF reports an ISO media file (HEIF) whose ftyp box names AVIF among
// its brands.
func isAVIF(head []byte) bool {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(head[:4]))
	if size < 16 || size > len(head) {
		size = len(head)
	}
	// major brand at 8, minor version at 12, compatible brands from 16
	for i := 8; i+4 <= size; i += 4 {
		if i == 12 {
			continue
		}
		if b := string(head[i : i+4]); b == "avif" || b == "avis" {
			return true
		}
	}
	return false
}

// openDocumentKind reads the first entry of a ZIP file: an OpenDocument
// file starts with an uncompressed entry "mimetype" that holds its type.
func openDocumentKind(head []byte) contentKind {
	if len(head) < 30 {
		return kindUnknown
	}
	method := binary.LittleEndian.Uint16(head[8:10])
	dataLen := int(binary.LittleEndian.Uint32(head[18:22])) // compressed size
	nameLen := int(binary.LittleEndian.Uint16(head[26:28]))
	extraLen := int(binary.LittleEndian.Uint16(head[28:30]))
	start := 30 + nameLen + extraLen
	if method != 0 || string(head[30:min(len(head), 30+nameLen)]) != "mimetype" || start > len(head) {
		return kindUnknown
	}
	data := head[start:]
	if dataLen > 0 {
		data = data[:min(len(data), dataLen)]
	}
	for _, t := range []struct {
		mime string
		kind contentKind
	}{
		{"application/vnd.oasis.opendocument.text", kindODT},
		{"application/vnd.oasis.opendocument.spreadsheet", kindODS},
		{"application/vnd.oasis.opendocument.presentation", kindODP},
	} {
		// A writer that gives the size after the data (a data
		// descriptor) writes 0 here: then the type ends where the
		// next record starts. "…text-template" is another type.
		rest, ok := bytes.CutPrefix(data, []byte(t.mime))
		if ok && (len(rest) == 0 || dataLen == 0 && bytes.HasPrefix(rest, []byte("PK"))) {
			return t.kind
		}
	}
	return kindUnknown
}

// ZIP directory limits: how far from the end its last record is looked
// for, and how many entries are read.
const (
	zipTail       = 22 + 65535 // end record and the longest comment
	zipMaxEntries = 200_000
)

// officeKind reads the directory at the end of a ZIP file for the parts
// of an Office Open XML package: [Content_Types].xml, and the folder of
// its main part (word/, xl/ or ppt/). Only the end record and the
// directory are read, through a small buffer.
func officeKind(at io.ReaderAt, size int64) (contentKind, error) {
	tailLen := min(size, zipTail)
	tail := make([]byte, tailLen)
	if _, err := at.ReadAt(tail, size-tailLen); err != nil && !errors.Is(err, io.EOF) {
		return kindUnknown, err
	}
	end := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if end < 0 || len(tail)-end < 22 {
		return kindZIP, nil
	}
	rec := tail[end:]
	entries := uint64(binary.LittleEndian.Uint16(rec[10:12]))
	dirSize := uint64(binary.LittleEndian.Uint32(rec[12:16]))
	dirOff := uint64(binary.LittleEndian.Uint32(rec[16:20]))
	if entries == 0xFFFF || dirSize == 0xFFFFFFFF || dirOff == 0xFFFFFFFF {
		// ZIP64: a locator just before the end record points at a
		// larger end record.
		loc := end - 20
		if loc < 0 || string(tail[loc:loc+4]) != "PK\x06\x07" {
			return kindZIP, nil
		}
		off := binary.LittleEndian.Uint64(tail[loc+8 : loc+16])
		var rec64 [56]byte
		if size < 56 || off > uint64(size)-56 {
			return kindZIP, nil
		}
		if _, err := at.ReadAt(rec64[:], int64(off)); err != nil {
			return kindUnknown, err
		}
		if string(rec64[:4]) != "PK\x06\x06" {
			return kindZIP, nil
		}
		entries = binary.LittleEndian.Uint64(rec64[32:40])
		dirSize = binary.LittleEndian.Uint64(rec64[40:48])
		dirOff = binary.LittleEndian.Uint64(rec64[48:56])
	}
	if dirOff > uint64(size) || dirSize > uint64(size)-dirOff {
		return kindZIP, nil
	}
	br := bufio.NewReaderSize(io.NewSectionReader(at, int64(dirOff), int64(dirSize)), 4096)
	var fixed [46]byte
	name := make([]byte, 0, 64)
	types := false
	main := kindUnknown
	for i := uint64(0); i < min(entries, zipMaxEntries); i++ {
		if _, err := io.ReadFull(br, fixed[:]); err != nil || string(fixed[:4]) != "PK\x01\x02" {
			break
		}
		nameLen := int(binary.LittleEndian.Uint16(fixed[28:30]))
		skip := int(binary.LittleEndian.Uint16(fixed[30:32])) + int(binary.LittleEndian.Uint16(fixed[32:34]))
		if nameLen > 256 {
			// No part name of interest is this long.
			skip += nameLen
			nameLen = 0
		}
		name = name[:nameLen]
		if _, err := io.ReadFull(br, name); err != nil {
			break
		}
		if _, err := br.Discard(skip); err != nil {
			break
		}
		switch n := string(name); {
		case n == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(n, "word/"):
			main = kindDOCX
		case strings.HasPrefix(n, "xl/"):
			main = kindXLSX
		case strings.HasPrefix(n, "ppt/"):
			main = kindPPTX
		}
		if types && main != kindUnknown {
			return main, nil
		}
	}
	if types {
		return kindOOXML, nil
	}
	return kindZIP, nil
}

// textKind tells text from binary data by the first bytes, and which text:
// HTML, SVG, XML or plain. size is the whole file's, to know whether head
// ends mid-file (where it may cut a character in two).
func textKind(head []byte, size int64) contentKind {
	if bytes.IndexByte(head, 0) >= 0 {
		return kindUnknown
	}
	sample := head
	if int64(len(head)) < size {
		// Drop a character cut at the end of the sample.
		for i := 0; i < utf8.UTFMax && len(sample) > 0; i++ {
			if r, _ := utf8.DecodeLastRune(sample); r != utf8.RuneError {
				break
			}
			sample = sample[:len(sample)-1]
		}
	}
	if !utf8.Valid(sample) {
		return kindUnknown
	}
	lower := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(lower, []byte("<svg")) || bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<svg")):
		return kindSVG
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<script")) || bytes.Contains(lower, []byte("<body")) || bytes.Contains(lower, []byte("<iframe")):
		return kindHTML
	case bytes.HasPrefix(lower, []byte("<?xml")):
		return kindXML
	}
	return kindText
}
