// Package visible makes text safe to show on a terminal. File names and
// file contents reach archive's messages, and a terminal acts on some
// characters instead of showing them: escape sequences set the window's
// title, clear the screen or fake colours, and bidirectional overrides
// reorder what is shown so that a name reads as another. Everything
// archive prints goes through this package, which writes those characters
// as visible escapes, the way Go writes them in strings:
//
//	C0 controls but newline and tab, DEL    \x1b, \r, \x7f
//	C1 controls (U+0080–U+009F)             \u009b
//	format characters (Unicode Cf): bidi    \u202e, \u2066, \u200f, \u061c,
//	controls, zero-width spaces, soft       \u200b, \u00ad, \ufeff,
//	hyphens, byte order marks, tags         \U000e0041
//	line and paragraph separators           \u2028, \u2029
//	a byte that is not UTF-8                \xff
//
// Zero-width joiners and non-joiners (U+200C, U+200D) are kept: Persian,
// the Indic scripts and emoji need them, and they only join what is shown.
// A backslash itself is kept as it is, so that Windows paths read as they
// are; an escape shown is therefore not always a character hidden.
package visible

import (
	"io"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Hidden reports whether r is one of the characters that Line and Writer
// write as an escape. Newline and tab are not.
func Hidden(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r < 0x80:
		return false
	case r <= 0x9f:
		return true
	case r == 0x200c || r == 0x200d:
		return false
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// Line returns s with every hidden character, and every byte that is not
// part of valid UTF-8, written as a visible escape, for text that must stay
// on one line (a file name, a message on a line of its own): newlines are
// written \n too, so that a name cannot start a line that reads as another
// message or command. Tabs are kept.
func Line(s string) string {
	if safe(s, false) {
		return s
	}
	return string(appendEscaped(nil, []byte(s), false))
}

// safe reports whether s is printable ASCII (and newlines, when
// newlines are allowed, and tabs): the common case, which needs no copy.
func safe[T string | []byte](s T, newlines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || c < 0x20 && c != '\t' && (c != '\n' || !newlines) {
			return false
		}
	}
	return true
}

// appendEscaped appends b to dst with hidden characters and invalid bytes
// escaped, and newlines too unless newlines is set.
func appendEscaped(dst, b []byte, newlines bool) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			dst = append(dst, `\x`...)
			dst = appendHex(dst, uint32(b[0]), 2)
		case r == '\n' && newlines:
			dst = append(dst, '\n')
		case r == '\n':
			dst = append(dst, `\n`...)
		case r == '\r':
			dst = append(dst, `\r`...)
		case !Hidden(r):
			dst = append(dst, b[:size]...)
		case r < 0x80:
			dst = append(dst, `\x`...)
			dst = appendHex(dst, uint32(r), 2)
		case r <= 0xffff:
			dst = append(dst, `\u`...)
			dst = appendHex(dst, uint32(r), 4)
		default:
			dst = append(dst, `\U`...)
			dst = appendHex(dst, uint32(r), 8)
		}
		b = b[size:]
	}
	return dst
}

// appendHex appends v in lowercase hexadecimal, padded to digits.
func appendHex(dst []byte, v uint32, digits int) []byte {
	s := strconv.FormatUint(uint64(v), 16)
	for range digits - len(s) {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// JSON returns a JSON text with every hidden character written as a \u
// escape, which encoding/json leaves as it is for DEL, the C1 controls and
// the format characters; the text still decodes to the same values. Bytes
// that are not UTF-8 (which encoding/json never writes) become \ufffd.
func JSON(b []byte) []byte {
	if safe(b, true) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			out = append(out, `\ufffd`...)
		case !Hidden(r):
			out = append(out, b[:size]...)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			out = append(out, `\u`...)
			out = appendHex(out, uint32(hi), 4)
			out = append(out, `\u`...)
			out = appendHex(out, uint32(lo), 4)
		default:
			out = append(out, `\u`...)
			out = appendHex(out, uint32(r), 4)
		}
		b = b[size:]
	}
	return out
}

// Writer is an io.Writer that passes everything on to another with
// String applied. A character split between two writes is kept back until
// the next one, so it is judged whole; Flush writes what is kept back.
// It is safe for use by several goroutines (a server's log).
type Writer struct {
	mu      sync.Mutex
	w       io.Writer
	pending []byte // the start of a character the last write cut
	buf     []byte
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes p to the underlying writer with hidden characters escaped.
// It returns len(p) when the underlying write succeeds.
func (v *Writer) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.pending) == 0 && safe(p, true) {
		if _, err := v.w.Write(p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	data := p
	if len(v.pending) > 0 {
		data = append(v.pending, p...)
	}
	cut := incomplete(data)
	v.buf = appendEscaped(v.buf[:0], data[:cut], true)
	v.pending = append(v.pending[:0:0], data[cut:]...)
	if len(v.buf) > 0 {
		if _, err := v.w.Write(v.buf); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes the bytes kept back, escaped: the end of the text came
// before the end of their character.
func (v *Writer) Flush() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.pending) == 0 {
		return nil
	}
	v.buf = appendEscaped(v.buf[:0], v.pending, true)
	v.pending = v.pending[:0]
	_, err := v.w.Write(v.buf)
	return err
}

// incomplete returns where b ends in the start of a UTF-8 character that
// more bytes could complete, or len(b).
func incomplete(b []byte) int {
	for i := len(b) - 1; i >= 0 && i > len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}
