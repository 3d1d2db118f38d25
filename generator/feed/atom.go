package feed

import (
	"strings"
	"time"
)

// Atom returns an RFC 4287 Atom feed document with one entry per element of
// entries, in the given order; the caller passes the newest entries first
// and decides how many (the site uses 50).
func Atom(meta FeedMeta, entries []Entry) []byte {
	updated := meta.Updated.UTC()
	for _, e := range entries {
		updated = later(updated, e.updated())
	}
	id := firstNonEmpty(meta.ID, meta.FeedURL, meta.SiteURL)
	author := firstNonEmpty(meta.Author, meta.Title)

	var w xmlWriter
	w.raw(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	w.raw(`<feed xmlns="http://www.w3.org/2005/Atom"`)
	if lang := cleanLine(meta.Lang); lang != "" {
		w.raw(` xml:lang="`)
		w.escape(lang, true)
		w.raw(`"`)
	}
	w.raw(">\n")
	w.element(1, "id", cleanLine(id))
	w.element(1, "title", meta.Title)
	if meta.Subtitle != "" {
		w.element(1, "subtitle", meta.Subtitle)
	}
	w.element(1, "updated", rfc3339(updated))
	w.link(1, "self", "application/atom+xml", meta.FeedURL)
	w.link(1, "alternate", "text/html", meta.SiteURL)
	w.author(1, author)
	for _, e := range entries {
		w.raw("  <entry>\n")
		w.element(2, "id", cleanLine(firstNonEmpty(e.ID, e.URL)))
		// xml:lang only where the entry's text is in another language than
		// the feed's, for readers and screen readers to pronounce it so.
		lang := cleanLine(e.Lang)
		if lang == cleanLine(meta.Lang) {
			lang = ""
		}
		w.indent(2)
		w.raw("<title" + langAttr(lang) + ">")
		w.escape(e.Title, false)
		w.raw("</title>\n")
		w.element(2, "updated", rfc3339(e.updated()))
		switch {
		case !e.Published.IsZero():
			w.element(2, "published", rfc3339(e.Published))
		case !e.Start.IsZero():
			w.element(2, "published", rfc3339(e.Start.Time()))
		}
		w.link(2, "alternate", "text/html", e.URL)
		for _, a := range uniq(e.Authors) {
			w.author(2, a)
		}
		for _, c := range uniq(e.Categories) {
			w.indent(2)
			w.raw(`<category term="`)
			w.escape(c, true)
			if l := cleanLine(e.CategoryLabels[c]); l != "" && l != c {
				w.raw(`" label="`)
				w.escape(l, true)
			}
			w.raw("\"/>\n")
		}
		if e.Summary != "" {
			w.indent(2)
			w.raw(`<summary type="text"` + langAttr(lang) + `>`)
			w.escape(e.Summary, false)
			w.raw("</summary>\n")
		}
		if e.Content != "" {
			w.indent(2)
			w.raw(`<content type="html"` + langAttr(lang) + `>`)
			w.escape(e.Content, false)
			w.raw("</content>\n")
		}
		w.raw("  </entry>\n")
	}
	w.raw("</feed>\n")
	return []byte(w.b.String())
}

// langAttr is the xml:lang attribute of lang, a tag cleaned by cleanLine;
// nothing when lang is empty. A tag holds letters, digits and hyphens;
// anything else is dropped rather than escaped.
func langAttr(lang string) string {
	lang = strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, lang)
	if lang == "" {
		return ""
	}
	return ` xml:lang="` + lang + `"`
}

// rfc3339 formats t in UTC as an RFC 3339 date-time, as Atom requires.
func rfc3339(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

func firstNonEmpty(list ...string) string {
	for _, s := range list {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// xmlWriter writes indented XML by hand, which keeps the bytes under this
// package's control; every piece of text goes through escape.
type xmlWriter struct {
	b strings.Builder
}

func (w *xmlWriter) raw(s string) { w.b.WriteString(s) }

func (w *xmlWriter) indent(depth int) {
	for range depth {
		w.b.WriteString("  ")
	}
}

// element writes <name>text</name> on a line of its own.
func (w *xmlWriter) element(depth int, name, text string) {
	w.indent(depth)
	w.raw("<" + name + ">")
	w.escape(text, false)
	w.raw("</" + name + ">\n")
}

// link writes an atom:link; nothing when href is empty.
func (w *xmlWriter) link(depth int, rel, typ, href string) {
	href = cleanLine(href)
	if href == "" {
		return
	}
	w.indent(depth)
	w.raw(`<link rel="` + rel + `" type="` + typ + `" href="`)
	w.escape(href, true)
	w.raw("\"/>\n")
}

// author writes an atom:author with a name; nothing when name is empty.
func (w *xmlWriter) author(depth int, name string) {
	name = strings.TrimSpace(clean(name))
	if name == "" {
		return
	}
	w.indent(depth)
	w.raw("<author>\n")
	w.element(depth+1, "name", name)
	w.indent(depth)
	w.raw("</author>\n")
}

// escape cleans s (see clean) and writes it with &, <, >, " and ' as
// entity references. In attribute values (attr), tab and newline are
// written as character references so that attribute-value normalization
// does not turn them into spaces.
func (w *xmlWriter) escape(s string, attr bool) {
	s = clean(s)
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&apos;"
		case '\n':
			if !attr {
				continue
			}
			esc = "&#xA;"
		case '\t':
			if !attr {
				continue
			}
			esc = "&#x9;"
		default:
			continue
		}
		w.b.WriteString(s[last:i])
		w.b.WriteString(esc)
		last = i + 1
	}
	w.b.WriteString(s[last:])
}
