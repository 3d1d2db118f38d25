package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"
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
			for _, im := range moduleImports(b) {
				dep := path.Join(path.Dir(name), im.spec)
				if _, ok := all[dep]; !ok {
					r.failAt("assets/"+name, im.line, im.col, "imports %q, which is not an asset of the theme: add assets/%s or correct the import", im.spec, dep)
					continue
				}
				if !publish(dep, append(from, name)) {
					r.failAt("assets/"+name, im.line, im.col, "imports %q, which imports it in turn (%s): modules must not import each other in a cycle", im.spec, strings.Join(append(from, name, dep), " → "))
					continue
				}
				out = append(out, b[at:im.start]...)
				out = append(out, im.spec[:len(im.spec)-len(path.Base(im.spec))]...)
				out = append(out, path.Base(t.assets[dep])...)
				at = im.end
			}
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
	spec       string
	start, end int
	line, col  int
}

// moduleImports returns the relative specifiers of the static imports and
// re-exports at the top of a module, in order:
//
//	import x from "./a.js";   import {a, b as c} from "./a.js";
//	import * as ns from "./a.js";   import "./a.js";
//	export {a} from "./a.js";   export * from "./a.js";
//
// It reads tokens, skipping comments, and stops at the first statement of
// another kind (export declarations, import() and import.meta included).
func moduleImports(src []byte) []moduleImport {
	l := &lexer{src: src}
	var out []moduleImport
	for {
		tok := l.next()
		if tok.kind != tIdent || (tok.text != "import" && tok.text != "export") {
			return out
		}
		first := l.peek()
		if tok.text == "import" && (first.text == "(" || first.text == ".") ||
			tok.text == "export" && first.text != "{" && first.text != "*" {
			return out
		}
		var spec token
		if first.kind == tString { // import "./a.js"
			spec = l.next()
		} else {
			depth := 0
			for {
				t := l.next()
				if t.kind == tEOF || t.text == ";" && depth == 0 {
					break
				}
				switch t.text {
				case "{":
					depth++
				case "}":
					depth--
				}
				if depth == 0 && t.kind == tIdent && t.text == "from" && l.peek().kind == tString {
					spec = l.next()
					break
				}
			}
		}
		if spec.kind == tString {
			s := string(src[spec.start+1 : spec.end-1])
			if strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
				line, col := position(src, spec.start+1)
				out = append(out, moduleImport{spec: s, start: spec.start + 1, end: spec.end - 1, line: line, col: col})
			}
			// Import attributes, then the end of the statement.
			if p := l.peek(); p.kind == tIdent && (p.text == "with" || p.text == "assert") {
				l.next()
				for t := l.next(); t.kind != tEOF && t.text != "}"; t = l.next() {
				}
			}
			if l.peek().text == ";" {
				l.next()
			}
		}
	}
}

// position returns the line and column (in characters, from 1) of offset.
func position(src []byte, offset int) (int, int) {
	line, col := 1, 1
	for _, c := range string(src[:offset]) {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

const (
	tEOF = iota
	tIdent
	tString
	tPunct
)

type token struct {
	kind       int
	text       string // identifiers and punctuation
	start, end int
}

// lexer reads the tokens of the import statements of a module: names,
// quoted strings and single punctuation characters, skipping white space
// and comments. It needs nothing more, since it stops at the first
// statement that is not an import.
type lexer struct {
	src    []byte
	at     int
	peeked *token
}

func (l *lexer) peek() token {
	if l.peeked == nil {
		t := l.scan()
		l.peeked = &t
	}
	return *l.peeked
}

func (l *lexer) next() token {
	t := l.peek()
	l.peeked = nil
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
			end := strings.Index(string(s[l.at+2:]), "*/")
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
			return token{kind: tIdent, text: string(s[start:l.at]), start: start, end: l.at}
		default:
			l.at++
			return token{kind: tPunct, text: string(c), start: l.at - 1, end: l.at}
		}
	}
	return token{kind: tEOF}
}
