package content

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Limits that keep memory and time bounded whatever the content folder holds.
const (
	// MaxFileSize is the largest Markdown file or site.yaml. Parsing and
	// indexing cost about 25 bytes of memory per byte of prose, and a
	// record must stay within the bounds every hostile input is held to
	// (64 MB); 1 MB is some 170,000 words, far more than any record.
	MaxFileSize        = 1 << 20
	MaxFrontMatterSize = 64 << 10
	MaxTitleLength     = 200 // characters
	MaxSummaryLength   = 1000

	// DefaultMaxAttachmentMB is the largest attachment, in megabytes
	// (MiB), unless site.yaml's attachments.max_size_mb says otherwise.
	DefaultMaxAttachmentMB = 50
	// MaxAttachmentMB is the largest value attachments.max_size_mb takes.
	MaxAttachmentMB = 1024
)

// UnknownLocation is the value of location: for an event whose place no
// source states; any case is taken.
const UnknownLocation = "unknown"

// Formats lists the values format: may take.
var Formats = []string{"in-person", "online", "hybrid"}

// decodeEvent fills e from its front matter. site resolves the region.
func decodeEvent(d *decoder, root *yaml.Node, site *Site, e *Event) {
	var endNode, timeNode *yaml.Node
	e.Pos = map[string]Position{}
	given := d.mapping(root, "front matter", eventKeys, func(key string, k, v *yaml.Node) {
		e.Pos[key] = Position{Line: v.Line + d.lineOff, Col: v.Column}
		switch key {
		case "title":
			e.Title, _ = d.text(key, v, MaxTitleLength)
		case "date":
			e.Date, _ = d.date(key, v)
		case "end_date":
			if t, ok := d.date(key, v); ok {
				e.EndDate = t
				endNode = v
			}
		case "time":
			timeNode = v // read once the days are known
		case "registration":
			e.Registration = d.decodeRegistration(v)
		case "published":
			e.Published, _ = d.date(key, v)
		case "location":
			if s, ok := d.text(key, v, 200); ok {
				if strings.EqualFold(s, UnknownLocation) {
					e.LocationUnknown = true
				} else {
					e.Location = s
				}
			}
		case "format":
			if s, ok := d.text(key, v, 0); ok {
				if !contains(Formats, s) {
					d.nodeErr(v, "format: %q is not one of %s", s, strings.Join(Formats, ", "))
				} else {
					e.Format = s
				}
			}
		case "region":
			if s, ok := d.text(key, v, 0); ok {
				if r := site.RegionByKey(s); r != nil {
					e.Region = r
				} else if r := regionMeant(site, s); r != nil {
					d.nodeErr(v, "unknown region %q; did you mean %s (%s)? region takes a key from site.yaml: %s", s, r.Key, r.Name, regionKeys(site))
				} else {
					d.nodeErr(v, "unknown region %q; site.yaml declares: %s", s, regionKeys(site))
				}
			}
		case "summary":
			e.Summary, _ = d.text(key, v, MaxSummaryLength)
		case "topics":
			e.Topics = d.eventTopics(site, v)
		case "organizers":
			e.Organizers, e.organizerPos = d.strListPos(key, v)
		case "documents":
			e.Documents = d.documents(v)
		case "aliases":
			e.Aliases = d.aliases(v)
		case "draft":
			e.Draft = d.boolean(key, v)
		}
	})
	if endNode != nil && !e.Date.IsZero() && e.EndDate.Before(e.Date) {
		d.nodeErr(endNode, "end_date %s is before date %s", e.EndDate.Format("2006-01-02"), e.Date.Format("2006-01-02"))
		e.EndDate = time.Time{}
	}
	d.missing(root, given, eventRequired, eventKeys, e.Body, e.BodyLine)
	if e.EndDate.Equal(e.Date) {
		e.EndDate = time.Time{}
	}
	if timeNode != nil {
		e.Start, e.End, _ = d.decodeTime(timeNode, e.Date, e.LastDay())
	}
}

// regionMeant returns the region an unknown region value most likely
// means: the key or the name in other capitals or without accents
// ("Global", "Middle East and North Africa"), the start of a key or a name
// ("asia", "Europe"), or a key misspelt by a letter or two; nil when none
// stands out.
func regionMeant(site *Site, s string) *Region {
	want := foldName(s)
	slug := strings.Join(strings.FieldsFunc(want, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') }), "-")
	var prefixed []*Region
	for _, r := range site.Regions {
		name := foldName(r.Name)
		if want == r.Key || want == name || slug == r.Key {
			return r
		}
		if len(want) >= 3 && (strings.HasPrefix(r.Key, slug) || strings.HasPrefix(name, want)) {
			prefixed = append(prefixed, r)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	var best *Region
	bestD := 3
	for _, r := range site.Regions {
		if dist := levenshtein(slug, r.Key); dist < bestD && dist <= len(r.Key)/3 {
			best, bestD = r, dist
		}
	}
	return best
}

func regionKeys(site *Site) string {
	var k []string
	for _, r := range site.Regions {
		k = append(k, r.Key)
	}
	return strings.Join(k, ", ")
}

func (d *decoder) documents(v *yaml.Node) []*Document {
	if v.Kind != yaml.SequenceNode {
		if v.Tag == "!!null" {
			return nil
		}
		d.nodeErr(v, "documents: expected a list of documents, found %s", describe(v))
		return nil
	}
	var out []*Document
	for _, it := range v.Content {
		doc := &Document{Line: it.Line + d.lineOff, Col: it.Column}
		given := d.mapping(it, "document", []string{"title", "file", "url", "lang"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "title":
				doc.Title, _ = d.text("document title", v, 300)
			case "file":
				if s, ok := d.text("file", v, 300); ok {
					if bad := badRelPath(s); bad != "" {
						d.nodeErr(v, "file: %q %s", s, bad)
					} else {
						doc.File = path.Clean(s)
					}
				}
			case "url":
				if s, ok := d.text("url", v, 2000); ok {
					if !goodURL(s) {
						d.nodeErr(v, "url: %q is not an http(s) address or a path starting with /", s)
					} else {
						doc.URL = s
					}
				}
			case "lang":
				if s, ok := d.text("lang", v, 35); ok {
					switch tag, meant := parseLang(s); {
					case tag != "":
						doc.Lang = tag
					case meant != "":
						d.nodeErr(v, "lang: %q is not a language tag; write lang: %s", s, meant)
					default:
						d.nodeErr(v, "lang: %q is not a language tag: write the language's code, such as en, fr or es (BCP 47)", s)
					}
				}
			}
		})
		if it.Kind != yaml.MappingNode {
			continue
		}
		if !given["title"] {
			d.nodeErr(it, "document: required key \"title\" is missing")
		}
		if given["file"] == given["url"] {
			d.nodeErr(it, "document: give exactly one of file: (in the bundle) or url:")
		}
		out = append(out, doc)
	}
	return out
}

// badRelPath explains why a document path may not be used, or returns "".
// Paths stay inside the bundle: no absolute paths, no "..", no backslashes
// that would mean something else on Windows.
func badRelPath(s string) string {
	switch {
	case strings.HasPrefix(s, "/") || (len(s) > 1 && s[1] == ':'):
		return "is an absolute path; give a path relative to the bundle folder"
	case strings.Contains(s, "\\"):
		return "contains a backslash; use / between folders"
	}
	for _, part := range strings.Split(s, "/") {
		if part == ".." {
			return "points outside the bundle folder"
		}
	}
	return ""
}

func goodURL(s string) bool {
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// aliases decodes a list of old site paths. Each becomes a line of
// Netlify's _redirects, so each is checked to be a site path and nothing
// that could start a line, name another site or be read as a pattern;
// every mistake is reported at its own item.
func (d *decoder) aliases(v *yaml.Node) []string {
	if v.Kind != yaml.SequenceNode {
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			return nil
		}
		if v.Kind == yaml.ScalarNode {
			d.nodeErr(v, "aliases: expected a list, found %s; write [%s]", describe(v), v.Value)
		} else {
			d.nodeErr(v, "aliases: expected a list, found %s", describe(v))
		}
		return nil
	}
	var out []string
	for _, it := range v.Content {
		if it.Kind == yaml.AliasNode {
			d.nodeErr(it, "aliases: YAML aliases (*%s) are not allowed; write the value out", it.Value)
			continue
		}
		a, ok := d.str("aliases item", it)
		if !ok {
			continue
		}
		if msg := badAlias(a); msg != "" {
			d.nodeErr(it, "aliases: %q %s", a, msg)
			continue
		}
		out = append(out, a)
	}
	return out
}

func decodePage(d *decoder, root *yaml.Node, p *Page, home bool) {
	given := d.mapping(root, "front matter", pageKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "title":
			p.Title, _ = d.text(key, v, MaxTitleLength)
		case "summary":
			p.Summary, _ = d.text(key, v, MaxSummaryLength)
		case "weight":
			p.Weight = d.integer(key, v)
		case "menu":
			p.Menu = d.boolean(key, v)
		case "aliases":
			p.Aliases = d.aliases(v)
		case "draft":
			p.Draft = d.boolean(key, v)
		}
	})
	if !home {
		d.missing(root, given, pageRequired, pageKeys, p.Body, p.BodyLine)
	}
}

// missing reports the required keys the front matter lacks. When the
// body opens with more keys, up to another line of "---" (an author who
// separated groups of keys with ---), the line that closed the front
// matter too early is the error, and the keys after it are not missing
// but misplaced.
func (d *decoder) missing(root *yaml.Node, given map[string]bool, required, known []string, body []byte, bodyLine int) {
	if root.Kind != yaml.MappingNode {
		return
	}
	var lack []string
	for _, req := range required {
		if !given[req] {
			lack = append(lack, req)
		}
	}
	if len(lack) == 0 {
		return
	}
	if keys, end := strayKeys(body, known); end > 0 && slices.ContainsFunc(lack, func(k string) bool { return slices.Contains(keys, k) }) {
		*d.errs = append(*d.errs, &Error{Path: d.path, Line: bodyLine - 1, Col: 1,
			Msg: fmt.Sprintf(`"---" on this line closes the front matter, but more keys follow it (%s) down to the "---" on line %d: the front matter is one block of keys between two lines of ---; delete this line`, strings.Join(keys, ", "), bodyLine+end)})
		lack = slices.DeleteFunc(lack, func(k string) bool { return slices.Contains(keys, k) })
	}
	for _, req := range lack {
		d.errorf(root.Line, root.Column, "required key %q is missing", req)
	}
}

// strayKeys reads the start of a body as front matter continued: lines
// "key: ..." of known keys (with their indented or "- " continuation
// lines and blank lines) up to a line "---", which is line end of the
// body (0-based). Any other line, or no "---" within 200 lines, means
// the body is a body: end is 0.
func strayKeys(body []byte, known []string) (keys []string, end int) {
	for i := 0; i < 200 && len(body) > 0; i++ {
		var l []byte
		l, body, _ = bytes.Cut(body, []byte("\n"))
		s := strings.TrimRight(string(l), " \t")
		switch {
		case s == "---":
			if len(keys) == 0 {
				return nil, 0
			}
			return keys, i
		case s == "":
		case s[0] == ' ' || strings.HasPrefix(s, "- "):
			if len(keys) == 0 {
				return nil, 0
			}
		default:
			k, _, ok := strings.Cut(s, ":")
			if !ok || !slices.Contains(known, k) {
				return nil, 0
			}
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return nil, 0
}
