package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// JavaScript modules and fingerprints
//
// An asset's published name carries a hash of its content, so that it can
// be cached for good. A JavaScript module that imports another by a
// relative path ("./normalize.js") would then ask for a name that is not
// published, so fingerprint rewrites, in every .js asset, the relative
// specifiers of its static imports and re-exports to the published names
// of the assets they name ("./normalize.1a2b3c4d.js"), then hashes the
// module as rewritten: a change to a module changes the names of the
// modules that import it, up to the page's script, and no reader runs a
// new module with an old cached dependency. Nothing else is needed in the
// page (an import map would be an inline script, which the site's
// Content-Security-Policy refuses).
//
// Imports are read where a module declares them, at its top: the first
// statement that is not an import or export-from ends them. A relative
// specifier that names no asset, and modules that import each other in a
// cycle, are errors naming the module and the line:column of the import.

// fingerprint publishes the assets: each under its name with a hash of its
// content, JavaScript modules with their imports rewritten first.
func (t *Theme) fingerprint(r *reader, all map[string][]byte) error {
	names := make([]string, 0, len(all))
	for name := range all {
		names = append(names, name)
	}
	slices.Sort(names)
	const (
		todo = iota
		busy
		done
	)
	state := map[string]int{}
	var publish func(name string, from []string) bool
	publish = func(name string, from []string) bool {
		switch state[name] {
		case done:
			return true
		case busy:
			return false
		}
		state[name] = busy
		b := all[name]
		if strings.HasSuffix(name, ".js") {
			var out []byte
			at := 0
			// Each specifier once: a module may import one file many times.
			resolved := map[string]string{} // specifier → its replacement, "" if none
			moduleImports(b, func(im moduleImport) {
				rep, ok := resolved[string(im.spec)]
				if !ok {
					spec := string(im.spec)
					dep := path.Join(path.Dir(name), spec)
					if _, ok := all[dep]; !ok {
						r.failAt("assets/"+name, im.line, im.col, "imports %q, which is not an asset of the theme: add assets/%s or correct the import", spec, dep)
					} else if !publish(dep, append(from, name)) {
						r.failAt("assets/"+name, im.line, im.col, "imports %q, which imports it in turn (%s): modules must not import each other in a cycle", spec, strings.Join(append(from, name, dep), " → "))
					} else {
						rep = spec[:len(spec)-len(path.Base(spec))] + path.Base(t.assets[dep])
					}
					resolved[spec] = rep
				}
				if rep == "" {
					return
				}
				if out == nil {
					out = make([]byte, 0, len(b)+len(b)/4)
				}
				out = append(out, b[at:im.start]...)
				out = append(out, rep...)
				at = im.end
			})
			if out != nil {
				b = append(out, b[at:]...)
			}
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		pub := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		t.assets[name] = pub
		t.files[pub] = b
		state[name] = done
		return true
	}
	for _, name := range names {
		publish(name, nil)
	}
	return nil
}

// failAt records a problem at a place in a file.
func (r *reader) failAt(name string, line, col int, format string, args ...any) {
	r.errs = append(r.errs, &FileError{Path: path.Join(r.dir, name), Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// moduleImport is the specifier of one static import in a module's source:
// its text and where it lies (the bytes between the quotes).
type moduleImport struct {
	spec       []byte
	start, end int
	line, col  int
}

// moduleImports calls fn with the relative specifiers of the static
// imports and re-exports at the top of a module, in order:
//
//	import x from "./a.js";   import {a, b as c} from "./a.js";
//	import * as ns from "./a.js";   import "./a.js";
//	export {a} from "./a.js";   export * from "./a.js";
//
// It reads tokens, skipping comments, and stops at the first statement of
// another kind (export declarations, import() and import.meta included).
func moduleImports(src []byte, fn func(moduleImport)) {
	l := &lexer{src: src}
	pos := &position{src: src}
	for {
		tok := l.next()
		if tok.kind != tIdent || !tok.is("import") && !tok.is("export") {
			return
		}
		first := l.peek()
		if tok.is("import") && (first.is("(") || first.is(".")) ||
			tok.is("export") && !first.is("{") && !first.is("*") {
			return
		}
		var spec token
		if first.kind == tString { // import "./a.js"
			spec = l.next()
		} else {
			depth := 0
			for {
				t := l.next()
				if t.kind == tEOF || t.is(";") && depth == 0 {
					break
				}
				switch {
				case t.is("{"):
					depth++
				case t.is("}"):
					depth--
				}
				if depth == 0 && t.kind == tIdent && t.is("from") && l.peek().kind == tString {
					spec = l.next()
					break
				}
			}
		}
		if spec.kind == tString {
			s := src[spec.start+1 : spec.end-1]
			if bytes.HasPrefix(s, []byte("./")) || bytes.HasPrefix(s, []byte("../")) {
				line, col := pos.to(spec.start + 1)
				fn(moduleImport{spec: s, start: spec.start + 1, end: spec.end - 1, line: line, col: col})
			}
			// Import attributes, then the end of the statement.
			if p := l.peek(); p.kind == tIdent && (p.is("with") || p.is("assert")) {
				l.next()
				for t := l.next(); t.kind != tEOF && !t.is("}"); t = l.next() {
				}
			}
			if l.peek().is(";") {
				l.next()
			}
		}
	}
}

// position tells the line and column (in characters, from 1) of offsets
// of one text, read in increasing order, reading the text once in all.
type position struct {
	src       []byte
	at        int
	line, col int
}

func (p *position) to(offset int) (int, int) {
	if p.line == 0 {
		p.line, p.col = 1, 1
	}
	for b := p.src[p.at:offset]; len(b) > 0; {
		c, n := utf8.DecodeRune(b)
		b = b[n:]
		if c == '\n' {
			p.line, p.col = p.line+1, 1
		} else {
			p.col++
		}
	}
	p.at = offset
	return p.line, p.col
}

const (
	tEOF = iota
	tIdent
	tString
	tPunct
)

type token struct {
	kind       int
	text       []byte // identifiers and punctuation
	start, end int
}

func (t token) is(s string) bool { return string(t.text) == s }

// lexer reads the tokens of the import statements of a module: names,
// quoted strings and single punctuation characters, skipping white space
// and comments. It needs nothing more, since it stops at the first
// statement that is not an import.
type lexer struct {
	src    []byte
	at     int
	peeked token
	ahead  bool // peeked holds the next token
}

func (l *lexer) peek() token {
	if !l.ahead {
		l.peeked, l.ahead = l.scan(), true
	}
	return l.peeked
}

func (l *lexer) next() token {
	t := l.peek()
	l.ahead = false
	return t
}

func (l *lexer) scan() token {
	s := l.src
	for l.at < len(s) {
		switch c := s[l.at]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.at++
		case c == '/' && l.at+1 < len(s) && s[l.at+1] == '/':
			for l.at < len(s) && s[l.at] != '\n' {
				l.at++
			}
		case c == '/' && l.at+1 < len(s) && s[l.at+1] == '*':
			end := bytes.Index(s[l.at+2:], []byte("*/"))
			if end < 0 {
				l.at = len(s)
			} else {
				l.at += 2 + end + 2
			}
		case c == '"' || c == '\'':
			start := l.at
			l.at++
			for l.at < len(s) && s[l.at] != c && s[l.at] != '\n' {
				if s[l.at] == '\\' {
					l.at++
				}
				l.at++
			}
			if l.at >= len(s) || s[l.at] != c {
				return token{kind: tEOF}
			}
			l.at++
			return token{kind: tString, start: start, end: l.at}
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			start := l.at
			for l.at < len(s) && (s[l.at] == '_' || s[l.at] == '$' || s[l.at] >= 'a' && s[l.at] <= 'z' ||
				s[l.at] >= 'A' && s[l.at] <= 'Z' || s[l.at] >= '0' && s[l.at] <= '9' || s[l.at] >= 0x80) {
				l.at++
			}
			return token{kind: tIdent, text: s[start:l.at], start: start, end: l.at}
		default:
			l.at++
			return token{kind: tPunct, text: s[l.at-1 : l.at], start: l.at - 1, end: l.at}
		}
	}
	return token{kind: tEOF}
}
