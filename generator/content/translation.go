package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Translation is a record's or a page's text in another of the site's
// languages, read from <slug>.<lang>.md beside the original
// (index.<lang>.md in a bundle, _index.<lang>.md for the home page). It
// holds only what reads differently; every fact stays the original's.
type Translation struct {
	Path string // file path within the content folder, slash-separated
	Lang string // one of Site.Languages, never the default
	// Title is a record's or page's title; for an organization, its
	// name ("" when it reads as in the original).
	Title string
	// ShortName is an organization's short name ("OIM"); "" when it
	// reads as in the original, and for records and pages.
	ShortName string
	Summary   string
	Location  string // "" when the place reads as in the original
	// Documents are the translated titles of the original's documents,
	// each naming its document by file: or url:.
	Documents []*DocumentTitle
	// Of is translation_of:, the digest of the original's translatable
	// text the translation was made from (TranslationDigest); "" when
	// the translation does not give it.
	Of       string
	Body     []byte // Markdown body
	BodyLine int    // line of the body's first line in the file
	Hash     [32]byte
	// Pos is where the value of each front-matter key given starts.
	Pos map[string]Position
}

// DocumentTitle is a translation's title for one document of the
// original, the one with the same File or URL.
type DocumentTitle struct {
	File, URL string
	Title     string
	Line, Col int
}

// translatableKeys are the keys of an event's front matter a translation
// gives; every other key of the original is a fact, which belongs in the
// original alone.
var translatableKeys = []string{"title", "summary", "location", "documents"}

// translationOfKey is the key of the digest archive new --translate
// writes; only translations take it.
const translationOfKey = "translation_of"

var digestRE = regexp.MustCompile(`^[0-9a-f]{16}$`)

// translationJob makes the job of a file named as a translation: name
// is <slug>.<lang>.md (index.<lang>.md in bundle), in kind's folder or
// (kind nil) at the content root. ok is false when name is not named as
// a translation; j is nil when it is one that cannot be read (reported).
func (l *loader) translationJob(site *Site, name string, kind *Kind, bundle string) (j *job, ok bool) {
	base := strings.TrimSuffix(path.Base(name), ".md")
	orig, lang, dotted := translationName(base)
	if !dotted || !strings.HasSuffix(name, ".md") {
		return nil, false
	}
	origFile := orig + ".md"
	if bundle != "" {
		if orig != "index" || path.Dir(name) != bundle {
			return nil, false // another Markdown file in the bundle: reported by walk
		}
	} else if !(kind == nil && orig == "_index") && !l.checkSlug(name, orig, "file") {
		return nil, true
	}
	if msg := translationLang(site, base, orig, lang, origFile, bundle == ""); msg != "" {
		l.errorf(name, 0, 0, "%s", msg)
		return nil, true
	}
	j = &job{name: name, kind: kind, slug: orig, bundle: bundle, lang: lang, orig: path.Join(path.Dir(name), origFile)}
	if bundle != "" {
		j.slug = path.Base(bundle)
	}
	if kind == nil && orig == "_index" {
		j.slug, j.home = "", true
	}
	return j, true
}

// notLanguageFolder reports whether a plain page's address is free of the
// folders of the site's languages: fr.md would be /fr/, the French home.
func (l *loader) notLanguageFolder(site *Site, name, slug string) bool {
	if slices.Contains(site.OtherLanguages(), slug) {
		l.errorf(name, 0, 0, "this page's address, /%s/, is the folder of the site's pages in %s: rename the file", slug, langName(slug))
		return false
	}
	return true
}

// pairTranslations keeps the translations whose original is among jobs,
// and reports the others.
func (l *loader) pairTranslations(jobs []*job) []*job {
	names := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		if j.lang == "" {
			names[j.name] = true
		}
	}
	out := jobs[:0]
	for _, j := range jobs {
		if j.lang == "" || j.home || names[j.orig] {
			out = append(out, j)
			continue
		}
		inBundle := strings.TrimSuffix(j.orig, ".md") + "/index.md"
		if names[inBundle] {
			l.errorf(j.name, 0, 0, "%s is a page bundle: move this translation into it, as %s", l.p(path.Dir(inBundle)), l.p(path.Join(path.Dir(inBundle), "index."+j.lang+".md")))
			continue
		}
		where := "there is no " + l.p(j.orig)
		if j.kind != nil {
			where += " (nor a bundle " + l.p(inBundle) + ")"
		}
		what := "record or page"
		if j.org {
			what = "organization"
		}
		l.errorf(j.name, 0, 0, "this translation into %s has no original: %s; name a translation after the file of the %s it translates", langName(j.lang), where, what)
	}
	return out
}

// parseTranslation parses the translation of job j, through the cache.
func (l *loader) parseTranslation(j *job, src, scratch []byte) []byte {
	c := l.opts.Cache
	if c != nil {
		scratch = src[:0]
		if tr, errs, ok := c.getTranslation(j.name, src); ok {
			l.add(errs...)
			j.tr = tr
			return scratch
		}
		src = bytes.Clone(src)
	}
	var errs List
	tr := parseTranslationFile(l.p(j.name), src, j, &errs)
	if c != nil {
		c.putTranslation(j.name, src, tr, errs)
	}
	l.add(errs...)
	j.tr = tr
	return scratch
}

// parseTranslationFile turns one translation's bytes into a Translation.
// Like parseFile, it depends on nothing but its arguments. The
// translation is never changed after: the cache hands out the same one.
func parseTranslationFile(errPath string, src []byte, j *job, errs *List) *Translation {
	parts, d, root := readFrontMatter(errPath, src, errs)
	if root == nil {
		return nil
	}
	t := &Translation{Path: j.name, Lang: j.lang, Body: parts.Body, BodyLine: parts.BodyLine, Hash: sha256.Sum256(src), Pos: map[string]Position{}}
	originals := eventKeys
	translatables := translatableKeys
	switch {
	case j.org:
		originals, translatables = organizationKeys, orgTranslatableKeys
	case j.kind == nil:
		originals = pageKeys
	}
	known := append(slices.Clone(originals), translationOfKey)
	given := d.mapping(root, "front matter", known, func(key string, k, v *yaml.Node) {
		// known holds the original's keys, so that a fact is named as
		// one: a page's translation does not know location or documents.
		if key != translationOfKey && !slices.Contains(translatables, key) {
			d.nodeErr(k, "%s: a translation gives only %s and the body; %s belongs in the original, %s, for every language: delete it here", key, translatable(j), key, path.Base(j.orig))
			return
		}
		t.Pos[key] = Position{Line: v.Line + d.lineOff, Col: v.Column}
		switch key {
		case "title", "name":
			t.Title, _ = d.text(key, v, MaxTitleLength)
		case "short_name":
			t.ShortName, _ = d.text(key, v, 50)
		case "summary":
			t.Summary, _ = d.text(key, v, MaxSummaryLength)
		case "location":
			t.Location, _ = d.text(key, v, 200)
		case "documents":
			t.Documents = d.documentTitles(v, path.Base(j.orig))
		case translationOfKey:
			if s, ok := d.text(key, v, 0); ok {
				if !digestRE.MatchString(s) {
					d.nodeErr(v, "translation_of: %q is not a digest as archive new --translate writes it (16 digits and letters a–f); delete the line if you do not have it: check then cannot tell whether the original changed since", cut(s, 40))
				} else {
					t.Of = s
				}
			}
		}
	})
	required := []string{"title", "summary"}
	switch {
	case j.org:
		required = []string{"summary"}
	case j.home:
		required = nil
	case j.kind == nil:
		required = []string{"title"}
	}
	d.missing(root, given, required, known, t.Body, t.BodyLine)
	return t
}

// translatable lists, for messages, what a translation of j's original gives.
func translatable(j *job) string {
	if j.org {
		return "name, short_name, summary"
	}
	if j.kind == nil {
		return "title, summary"
	}
	return "title, summary, location, the documents' titles"
}

// documentTitles decodes a translation's documents: list, each item
// naming one of the original's documents by file: or url: and giving
// its title.
func (d *decoder) documentTitles(v *yaml.Node, orig string) []*DocumentTitle {
	if v.Kind != yaml.SequenceNode {
		if v.Tag == "!!null" {
			return nil
		}
		d.nodeErr(v, "documents: expected a list of documents, found %s", describe(v))
		return nil
	}
	var out []*DocumentTitle
	seen := map[string]bool{}
	for _, it := range v.Content {
		doc := &DocumentTitle{Line: it.Line + d.lineOff, Col: it.Column}
		given := d.mapping(it, "document", []string{"title", "file", "url", "lang"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "title":
				doc.Title, _ = d.text("document title", v, 300)
			case "file":
				if s, ok := d.text("file", v, 300); ok {
					doc.File = path.Clean(s)
				}
			case "url":
				doc.URL, _ = d.text("url", v, 2000)
			case "lang":
				d.nodeErr(k, "lang: a document keeps its own language in every translation; lang belongs in the original, %s: delete it here", orig)
			}
		})
		if it.Kind != yaml.MappingNode {
			continue
		}
		switch {
		case given["file"] == given["url"]:
			d.nodeErr(it, "document: give exactly one of file: or url:, as the original's document does, to say which document this title translates")
			continue
		case !given["title"]:
			d.nodeErr(it, "document: required key \"title\" is missing (the translated title)")
			continue
		case doc.File == "" && doc.URL == "":
			continue // refused above
		}
		if id := doc.id(); seen[id] {
			d.nodeErr(it, "document: %s is given twice; give each document's title once", id)
			continue
		} else {
			seen[id] = true
		}
		out = append(out, doc)
	}
	return out
}

func (t *DocumentTitle) id() string {
	if t.File != "" {
		return fmt.Sprintf("file: %q", t.File)
	}
	return fmt.Sprintf("url: %q", t.URL)
}

// attachTranslations hands each translation to its original, checking the
// documents it names against the original's. A translation whose original
// did not parse is left out: the original's errors say what to mend.
func (l *loader) attachTranslations(a *Archive, jobs []*job) {
	byOrig := map[string]map[string]*Translation{}
	for _, j := range jobs {
		if j.lang == "" || j.tr == nil {
			continue
		}
		if byOrig[j.orig] == nil {
			byOrig[j.orig] = map[string]*Translation{}
		}
		byOrig[j.orig][j.lang] = j.tr
	}
	if len(byOrig) == 0 {
		return
	}
	for _, e := range a.Events {
		if trs := byOrig[e.Path]; trs != nil {
			for _, t := range trs {
				l.matchDocuments(e, t)
			}
			e.Translations = trs
		}
	}
	// Pages may be shared with the Cache, and the next load: give the
	// translations to a copy.
	withTranslations := func(p *Page) *Page {
		trs := byOrig[p.Path]
		if trs == nil {
			return p
		}
		cp := *p
		cp.Translations = trs
		return &cp
	}
	for i, p := range a.Pages {
		a.Pages[i] = withTranslations(p)
	}
	// Organizations are read afresh by every load (load.go).
	for _, o := range a.Organizations {
		o.Translations = byOrig[o.Path]
	}
	a.Home = withTranslations(a.Home)
}

// matchDocuments reports each document title of t that names no document of e.
func (l *loader) matchDocuments(e *Event, t *Translation) {
	for _, dt := range t.Documents {
		if e.documentFor(dt) == nil {
			l.errorf(t.Path, dt.Line, dt.Col, "document %q: no document of the original, %s, has %s; a translation gives the title of one of the original's documents, named by the same file: or url:", dt.Title, path.Base(e.Path), dt.id())
		}
	}
}

func (e *Event) documentFor(dt *DocumentTitle) *Document {
	for _, d := range e.Documents {
		if dt.File != "" && d.File == dt.File || dt.URL != "" && d.URL == dt.URL {
			return d
		}
	}
	return nil
}

// Localized is the text of a record or a page in one language: its
// translation's where it has one, its own otherwise.
type Localized struct {
	// Translation is the translation the text comes from; nil when the
	// text is the original's.
	Translation *Translation
	// Lang is the translation's language; "" when the text is the
	// original's, in the site's default language (Site.Language).
	Lang    string
	Title   string
	Summary string
	// Location is the translation's, or the original's when the
	// translation does not give one (a place's name often reads the
	// same).
	Location string
	// ShortName is an organization's short name; "" for records and
	// pages.
	ShortName string
	Body      []byte
	BodyLine  int
	// Path is the file the text comes from, for messages about it.
	Path string
}

// In returns the event's text in lang: its translation into lang, or
// its own text when it has none (lang the default language included).
func (e *Event) In(lang string) Localized {
	t := e.Translations[lang]
	if t == nil {
		return Localized{Title: e.Title, Summary: e.Summary, Location: e.Location, Body: e.Body, BodyLine: e.BodyLine, Path: e.Path}
	}
	loc := t.Location
	if loc == "" {
		loc = e.Location
	}
	return Localized{Translation: t, Lang: lang, Title: t.Title, Summary: t.Summary, Location: loc, Body: t.Body, BodyLine: t.BodyLine, Path: t.Path}
}

// In returns the page's text in lang, as Event.In does. The title of a
// translation of the home page that gives none is the page's own (the
// site's title in the default language, when _index.md gives none
// either): use Site.TitleIn for it.
func (p *Page) In(lang string) Localized {
	t := p.Translations[lang]
	if t == nil {
		return Localized{Title: p.Title, Summary: p.Summary, Body: p.Body, BodyLine: p.BodyLine, Path: p.Path}
	}
	title := t.Title
	if title == "" {
		title = p.Title
	}
	return Localized{Translation: t, Lang: lang, Title: title, Summary: t.Summary, Body: t.Body, BodyLine: t.BodyLine, Path: t.Path}
}

// Translated reports whether the text is a translation's.
func (l Localized) Translated() bool { return l.Translation != nil }

// DocumentTitle returns d's title in the text's language: the
// translation's title for it, or d's own.
func (l Localized) DocumentTitle(d *Document) string {
	if l.Translation != nil {
		for _, dt := range l.Translation.Documents {
			if dt.File != "" && dt.File == d.File || dt.URL != "" && dt.URL == d.URL {
				return dt.Title
			}
		}
	}
	return d.Title
}

// TranslationDigest returns the digest of the event's translatable text
// (title, summary, location, body and the documents' titles, each
// document with its file or url), which archive new --translate writes
// as translation_of: and check compares with the original's, to tell a
// translation made from an earlier text. 16 hexadecimal digits (64
// bits) tell one text from the next; the digest guards against
// oversight, not against forgery.
func (e *Event) TranslationDigest() string {
	var docs []string
	for _, d := range e.Documents {
		docs = append(docs, d.File, d.URL, d.Title)
	}
	return digest(append([]string{"event", e.Title, e.Summary, e.Location, string(bytes.TrimSpace(e.Body))}, docs...))
}

// TranslationDigest returns the digest of the page's translatable text
// (title, summary, body), as Event.TranslationDigest does.
func (p *Page) TranslationDigest() string {
	return digest([]string{"page", p.Title, p.Summary, string(bytes.TrimSpace(p.Body))})
}

// digest hashes the fields, each preceded by its length, so that no two
// lists of fields hash alike by moving text from one field to the next.
func digest(fields []string) string {
	h := sha256.New()
	var n [8]byte
	for _, f := range fields {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Untranslated returns the events that have no translation into lang, in
// the order of a.Events, drafts included (check counts the published
// ones); none for the default language.
func (a *Archive) Untranslated(lang string) []*Event {
	if a.Site == nil || lang == a.Site.Language {
		return nil
	}
	var out []*Event
	for _, e := range a.Events {
		if e.Translations[lang] == nil {
			out = append(out, e)
		}
	}
	return out
}

// StaleTranslations returns a warning for each translation whose
// translation_of: is not the digest of its original's text as it is
// now: the original changed since the translation was made from it.
// Translations without translation_of: are not reported (nothing tells
// what they were made from). The warnings are sorted.
func (a *Archive) StaleTranslations() List {
	var out List
	warn := func(t *Translation, orig, now string) {
		if t.Of == "" || t.Of == now {
			return
		}
		out = append(out, &Error{Path: path.Join(a.Dir, t.Path), Line: t.Pos[translationOfKey].Line, Col: t.Pos[translationOfKey].Col, Severity: SeverityWarning,
			Msg: fmt.Sprintf("%s changed since this translation was made from it (translation_of: %s, the original's text is now %s): bring the translation up to date, then write translation_of: %s", path.Join(a.Dir, orig), t.Of, now, now)})
	}
	for _, e := range a.Events {
		for _, lang := range sortedLangs(e.Translations) {
			warn(e.Translations[lang], e.Path, e.TranslationDigest())
		}
	}
	for _, p := range append([]*Page{a.Home}, a.Pages...) {
		if p == nil {
			continue
		}
		for _, lang := range sortedLangs(p.Translations) {
			warn(p.Translations[lang], p.Path, p.TranslationDigest())
		}
	}
	for _, o := range a.Organizations {
		for _, lang := range sortedLangs(o.Translations) {
			warn(o.Translations[lang], o.Path, o.TranslationDigest())
		}
	}
	out.Sort()
	return out
}

func sortedLangs(m map[string]*Translation) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
