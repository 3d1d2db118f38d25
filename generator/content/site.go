package content

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

var keyRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Limits on site.yaml's declarations. The shipped archive has 4 kinds and
// 6 regions. Every page of the site links to the kinds (within
// MaxNavKinds) and the home, search and 404 pages list them all, with
// the regions; the limits keep those pages, and the year chart's legend,
// a size a reader can use.
const (
	MaxKinds   = 50
	MaxRegions = 100
)

// Pagination of the indexes (years, regions, kinds): an index with more
// events than pagination.page_size is split into pages of that many. The
// bounds keep a page a size a reader can use: below MinPageSize an index
// becomes a long chain of pages, above MaxPageSize a page of several
// hundred kilobytes, which is what pagination is for.
const (
	DefaultPageSize = 100
	MinPageSize     = 10
	MaxPageSize     = 1000
)

// ParseSite decodes site.yaml. path is used in error messages.
func ParseSite(path string, src []byte) (*Site, List) {
	var errs List
	d := &decoder{path: path, errs: &errs, oneDoc: "site.yaml is one YAML document"}
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		// The YAML parser would read UTF-16, and its positions would
		// name lines the file, as an editor shows it, does not have.
		d.errorf(1, 1, "site.yaml is saved as UTF-16: save it with UTF-8 encoding")
		return nil, errs
	}
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		d.errorf(line, col, "invalid UTF-8: save site.yaml with UTF-8 encoding")
		return nil, errs
	}
	src = normalizeNewlines(src)
	root := d.parse(src)
	if root == nil {
		return nil, errs
	}
	d.lang = &langState{texts: map[*yaml.Node]Text{}, nodes: map[string]*yaml.Node{}}
	d.lang.langs = d.siteLanguages(root)
	s := &Site{Language: "en", Languages: []string{"en"}, Theme: "default", MaxAttachmentSize: DefaultMaxAttachmentMB << 20, PageSize: DefaultPageSize}
	given := d.mapping(root, "site.yaml", []string{"title", "description", "base_url", "language", "languages", "theme", "markdown", "attachments", "pagination", "kinds", "regions", "organization_types", "topics"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "title":
			s.Names.Title, _ = d.textIn(key, v, 200)
			s.Title = s.Names.Title.Default
		case "description":
			s.Names.Description, _ = d.textIn(key, v, 500)
			s.Description = s.Names.Description.Default
		case "base_url":
			if u, ok := d.text(key, v, 0); ok {
				if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
					d.nodeErr(v, "base_url: %q is not an absolute http(s) URL", u)
				} else {
					s.BaseURL = strings.TrimRight(u, "/") + "/"
				}
			}
		case "language", "languages":
			// Read first, by siteLanguages (languages.go).
		case "theme":
			s.Theme, _ = d.text(key, v, 0)
		case "markdown":
			d.mapping(v, "markdown", []string{"unsafe"}, func(key string, k, v *yaml.Node) {
				s.Unsafe = d.boolean("markdown.unsafe", v)
			})
		case "attachments":
			d.mapping(v, "attachments", []string{"max_size_mb"}, func(key string, k, v *yaml.Node) {
				n := d.integer("attachments.max_size_mb", v)
				if v.Tag == "!!int" && (n < 1 || n > MaxAttachmentMB) {
					d.nodeErr(v, "attachments.max_size_mb: %d is not between 1 and %d (megabytes)", n, MaxAttachmentMB)
					return
				}
				if n > 0 {
					s.MaxAttachmentSize = int64(n) << 20
				}
			})
		case "pagination":
			d.mapping(v, "pagination", []string{"page_size"}, func(key string, k, v *yaml.Node) {
				before := len(*d.errs)
				n := d.integer("pagination.page_size", v)
				if len(*d.errs) > before {
					return // not a whole number: reported
				}
				if n < MinPageSize || n > MaxPageSize {
					d.nodeErr(v, "pagination.page_size: %d is not between %d and %d (events on one page of an index)", n, MinPageSize, MaxPageSize)
					return
				}
				s.PageSize = n
			})
		case "kinds":
			s.Kinds = d.kinds(v)
		case "regions":
			s.Regions = d.regions(v)
		case "organization_types":
			s.OrganizationTypes = d.organizationTypes(v)
		case "topics":
			s.Topics = d.topics(v)
			s.indexTopics()
		}
	})
	if langs := d.lang.langs; langs != nil {
		s.Language, s.Languages = langs[0], langs
		d.checkLanguageFolders(s, root)
	}
	for _, req := range []string{"title", "base_url", "kinds", "regions"} {
		if !given[req] {
			d.errorf(root.Line, root.Column, "site.yaml: required key %q is missing", req)
		}
	}
	return s, errs
}

func (d *decoder) kinds(v *yaml.Node) []*Kind {
	var out []*Kind
	keys, folders := map[string]bool{}, map[string]bool{}
	d.declarations(v, "kind", "kinds", MaxKinds, []string{"key", "folder", "name", "plural", "description", "past_only"}, []string{"key", "folder", "name"}, []string{"past_only"},
		func() func(key, s string, v *yaml.Node) {
			k := &Kind{}
			out = append(out, k)
			return func(key, s string, v *yaml.Node) {
				switch key {
				case "key":
					d.declaredName(v, "kind key", s, keys, nil)
					k.Key = s
				case "folder":
					d.declaredName(v, "kind folder", s, folders, func(s string) string {
						switch {
						case reservedFolder(s):
							return "is already used by the site"
						case windowsReserved(s):
							return "is a reserved file name on Windows"
						}
						return ""
					})
					k.Folder = s
				case "name":
					k.Name, k.Names.Name = s, d.declaredText(v)
				case "plural":
					k.Plural, k.Names.Plural = s, d.declaredText(v)
				case "description":
					k.Description, k.Names.Description = s, d.declaredText(v)
				case "past_only":
					k.PastOnly = s == "true"
				}
			}
		})
	for _, k := range out {
		if k.Plural == "" {
			k.Plural, k.Names.Plural = k.Name, k.Names.Name
		}
	}
	return out
}

// reservedFolder reports folder names the generator uses for its own pages.
func reservedFolder(s string) bool {
	switch s {
	case "years", "regions", "search", "assets", "topics", "calendar", OrganizationsFolder:
		return true
	}
	return false
}

func (d *decoder) regions(v *yaml.Node) []*Region {
	var out []*Region
	keys := map[string]bool{}
	d.declarations(v, "region", "regions", MaxRegions, []string{"key", "name", "description"}, []string{"key", "name"}, nil,
		func() func(key, s string, v *yaml.Node) {
			r := &Region{}
			out = append(out, r)
			return func(key, s string, v *yaml.Node) {
				switch key {
				case "key":
					d.declaredName(v, "region key", s, keys, nil)
					r.Key = s
				case "name":
					r.Name, r.Names.Name = s, d.declaredText(v)
				case "description":
					r.Description, r.Names.Description = s, d.declaredText(v)
				}
			}
		})
	return out
}

// declarations decodes a list of maps of text (the kinds, the regions):
// item is called once per entry and returns the setter of its values,
// which gets "true" or "false" for the keys of flags;
// missing required keys are reported at the entry. An entry past limit is
// an error, and neither it nor any after it is decoded.
func (d *decoder) declarations(v *yaml.Node, what, plural string, limit int, known, required, flags []string, item func() func(key, s string, v *yaml.Node)) {
	if v.Kind != yaml.SequenceNode {
		d.nodeErr(v, "%s: expected a list of %s, found %s", plural, plural, describe(v))
		return
	}
	for i, it := range v.Content {
		if i == limit {
			d.nodeErr(it, "%s: this is %s number %d; a site declares at most %d %s (see docs/content-limits.md)", plural, what, i+1, limit, plural)
			return
		}
		set := item()
		given := d.mapping(it, what, known, func(key string, _, v *yaml.Node) {
			if slices.Contains(flags, key) {
				before := len(*d.errs)
				if b := d.boolean(key, v); len(*d.errs) == before {
					set(key, strconv.FormatBool(b), v)
				}
				return
			}
			if s, ok := d.declText(key, v); ok {
				set(key, s, v)
			}
		})
		if it.Kind != yaml.MappingNode {
			continue
		}
		for _, req := range required {
			if !given[req] {
				d.nodeErr(it, "%s: required key %q is missing", what, req)
			}
		}
	}
}

// declaredName checks a name that becomes part of URLs and folder names
// (a kind's key or folder, a region's key): URL-safe, no longer than a
// slug, declared once, and not refused by reserved, which explains why a
// name may not be used or returns "".
func (d *decoder) declaredName(v *yaml.Node, what, s string, seen map[string]bool, reserved func(string) string) {
	switch {
	case !keyRE.MatchString(s):
		d.nodeErr(v, "%s %q must be lowercase letters, digits and hyphens", what, s)
	case len(s) > MaxSlugLength:
		d.nodeErr(v, "%s %q is %d characters long; the limit is %d", what, s, len(s), MaxSlugLength)
	case seen[s]:
		d.nodeErr(v, "%s %q is declared twice", what, s)
	case reserved != nil && reserved(s) != "":
		d.nodeErr(v, "%s %q %s", what, s, reserved(s))
	}
	seen[s] = true
}

func normalizeNewlines(src []byte) []byte {
	return normalizeLineEnds(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
}
