package content

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var keyRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseSite decodes site.yaml. path is used in error messages.
func ParseSite(path string, src []byte) (*Site, List) {
	var errs List
	d := &decoder{path: path, errs: &errs}
	src = normalizeNewlines(src)
	root := d.parse(src)
	if root == nil {
		return nil, errs
	}
	s := &Site{Language: "en", Theme: "default"}
	seen := map[string]bool{}
	d.mapping(root, "site.yaml", []string{"title", "description", "base_url", "language", "theme", "markdown", "kinds", "regions"}, func(key string, k, v *yaml.Node) {
		seen[key] = true
		switch key {
		case "title":
			s.Title, _ = d.text(key, v, 200)
		case "description":
			s.Description, _ = d.text(key, v, 500)
		case "base_url":
			if u, ok := d.text(key, v, 0); ok {
				if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
					d.nodeErr(v, "base_url: %q is not an absolute http(s) URL", u)
				} else {
					s.BaseURL = strings.TrimRight(u, "/") + "/"
				}
			}
		case "language":
			s.Language, _ = d.text(key, v, 35)
		case "theme":
			s.Theme, _ = d.text(key, v, 0)
		case "markdown":
			d.mapping(v, "markdown", []string{"unsafe"}, func(key string, k, v *yaml.Node) {
				s.Unsafe = d.boolean("markdown.unsafe", v)
			})
		case "kinds":
			s.Kinds = d.kinds(v)
		case "regions":
			s.Regions = d.regions(v)
		}
	})
	for _, req := range []string{"title", "base_url", "kinds", "regions"} {
		if !seen[req] && !d.hinted[req] {
			d.errorf(root.Line, root.Column, "site.yaml: required key %q is missing", req)
		}
	}
	return s, errs
}

func (d *decoder) kinds(v *yaml.Node) []*Kind {
	if v.Kind != yaml.SequenceNode {
		d.nodeErr(v, "kinds: expected a list of kinds, found %s", describe(v))
		return nil
	}
	var out []*Kind
	keys, folders := map[string]bool{}, map[string]bool{}
	for _, it := range v.Content {
		k := &Kind{}
		got := map[string]bool{}
		d.mapping(it, "kind", []string{"key", "folder", "name", "plural", "description"}, func(key string, kn, v *yaml.Node) {
			got[key] = true
			s, ok := d.text(key, v, 1000)
			if !ok {
				return
			}
			switch key {
			case "key":
				if !keyRE.MatchString(s) {
					d.nodeErr(v, "kind key %q must be lowercase letters, digits and hyphens", s)
				} else if keys[s] {
					d.nodeErr(v, "kind key %q is declared twice", s)
				}
				keys[s] = true
				k.Key = s
			case "folder":
				if !keyRE.MatchString(s) {
					d.nodeErr(v, "kind folder %q must be lowercase letters, digits and hyphens", s)
				} else if folders[s] || reservedFolder(s) {
					d.nodeErr(v, "kind folder %q is already used by the site", s)
				}
				folders[s] = true
				k.Folder = s
			case "name":
				k.Name = s
			case "plural":
				k.Plural = s
			case "description":
				k.Description = s
			}
		})
		for _, req := range []string{"key", "folder", "name"} {
			if !got[req] && it.Kind == yaml.MappingNode {
				d.nodeErr(it, "kind: required key %q is missing", req)
			}
		}
		if k.Plural == "" {
			k.Plural = k.Name
		}
		out = append(out, k)
	}
	return out
}

// reservedFolder reports folder names the generator uses for its own pages.
func reservedFolder(s string) bool {
	switch s {
	case "years", "regions", "search", "assets", "topics", "calendar":
		return true
	}
	return false
}

func (d *decoder) regions(v *yaml.Node) []*Region {
	if v.Kind != yaml.SequenceNode {
		d.nodeErr(v, "regions: expected a list of regions, found %s", describe(v))
		return nil
	}
	var out []*Region
	keys := map[string]bool{}
	for _, it := range v.Content {
		r := &Region{}
		got := map[string]bool{}
		d.mapping(it, "region", []string{"key", "name", "description"}, func(key string, kn, v *yaml.Node) {
			got[key] = true
			s, ok := d.text(key, v, 1000)
			if !ok {
				return
			}
			switch key {
			case "key":
				if !keyRE.MatchString(s) {
					d.nodeErr(v, "region key %q must be lowercase letters, digits and hyphens", s)
				} else if keys[s] {
					d.nodeErr(v, "region key %q is declared twice", s)
				}
				keys[s] = true
				r.Key = s
			case "name":
				r.Name = s
			case "description":
				r.Description = s
			}
		})
		for _, req := range []string{"key", "name"} {
			if !got[req] && it.Kind == yaml.MappingNode {
				d.nodeErr(it, "region: required key %q is missing", req)
			}
		}
		out = append(out, r)
	}
	return out
}

func normalizeNewlines(src []byte) []byte {
	return normalizeLineEnds(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
}
