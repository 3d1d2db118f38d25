package content

import (
	"bytes"
	"errors"
	"fmt"
)

// splitFile separates a content file into its YAML front matter and its Markdown body.
//
// The file must start with a line "---" (after an optional UTF-8 byte order
// mark) and the front matter ends at the next line that is exactly "---".
// CRLF and lone CR line endings are accepted and normalised to LF, so the
// rest of the pipeline (and every line number) sees one form. BodyLine is
// the 1-based line of the first body line (the front matter always starts
// on frontMatterLine), so that positions reported by the YAML decoder and
// the Markdown renderer can be mapped back to the file the author edits.
func splitFile(src []byte) (*fileParts, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = normalizeLineEnds(src)
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, &splitError{line: 1, msg: "file is empty: an event starts with front matter between two lines of ---"}
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, &splitError{line: 1, msg: "file must start with a line of --- followed by the front matter"}
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end >= 0 {
			l = rest[off : off+end]
			next = off + end + 1
		} else {
			l = rest[off:]
		}
		if string(bytes.TrimRight(l, " \t")) == "---" {
			body := []byte{}
			if next <= len(rest) {
				body = rest[next:]
			}
			return &fileParts{FrontMatter: rest[:off], Body: body, BodyLine: line + 1}, nil
		}
		if end < 0 {
			break
		}
		off = next
		line++
	}
	return nil, &splitError{line: 1, msg: "front matter is never closed: add a line of --- after the last key"}
}

// frontMatterLine is the line of the first front-matter line in every
// file: the one after the opening ---.
const frontMatterLine = 2

// fileParts is a content file split into front matter and body.
type fileParts struct {
	FrontMatter []byte
	Body        []byte
	BodyLine    int // line of the first body line in the file
}

type splitError struct {
	line int
	msg  string
}

func (e *splitError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// splitPos extracts the position of a splitFile error.
func splitPos(err error) (int, string) {
	var se *splitError
	if errors.As(err, &se) {
		return se.line, se.msg
	}
	return 1, err.Error()
}

// normalizeLineEnds turns CRLF and lone CR line endings into LF. YAML and
// Markdown both read a lone CR as a line break, and so do editors; counting
// only LF would put every later position on the wrong line.
func normalizeLineEnds(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}
