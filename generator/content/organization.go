package content

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// OrganizationsFolder is the folder of the content root that holds the
// directory of organizations, one <key>.md per organization. No kind may
// use it.
const OrganizationsFolder = "organizations"

// Limits of the directory of organizations.
const (
	// MaxOrganizationTypes bounds site.yaml's organization_types: the
	// directory page has one group per type, and a reader scans a few.
	MaxOrganizationTypes = 50
	// MaxOrganizationAliases bounds an organization's aliases: a few
	// spellings are what records use, and every one is a name the
	// resolver and the search index keep.
	MaxOrganizationAliases = 50
	// MaxOrganizerHints bounds how many different unknown organizer
	// spellings of one load get a "did you mean", each compared with every
	// name of the directory; the others are still reported, without one.
	MaxOrganizerHints = 100
	// maxFuzzyRunes bounds the names compared letter by letter for a
	// "did you mean": a typing mistake is looked for in names up to this
	// long, so a hint costs at most maxFuzzyRunes² steps per name.
	maxFuzzyRunes = 64
)

// OrganizationType is one entry of site.yaml's organization_types: list,
// which groups the directory of organizations, in its order.
type OrganizationType struct {
	Key         string
	Name        string // shown as the heading of its group, e.g. "Civil society networks"
	Description string // "" when not given
	// Names are Name and Description in every language (text.go).
	Names OrganizationTypeNames
}

// OrganizationTypeByKey returns the organization type with the given key,
// or nil.
func (s *Site) OrganizationTypeByKey(key string) *OrganizationType {
	for _, t := range s.OrganizationTypes {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// Organization is one entry of the directory of organizations, read from
// content/organizations/<key>.md.
type Organization struct {
	Path      string // file path within the content folder, slash-separated
	Key       string // the file name without .md; names the page /organizations/<key>/
	Name      string
	ShortName string   // the acronym, e.g. "ICVA"; "" when not given
	Aliases   []string // other spellings records use for it
	URL       string   // its website, an absolute http(s) address; "" when not given
	Type      *OrganizationType
	Region    *Region // nil when not given
	Summary   string
	Body      []byte // Markdown body: who they are, with sources
	BodyLine  int    // line of the body's first line in the file
	Hash      [32]byte
	// Pos is where the value of each front-matter key given starts.
	Pos map[string]Position

	// Translations are the organization's translations, by language
	// (<key>.<lang>.md beside its file); nil when it has none.
	Translations map[string]*Translation

	// Events are the events whose organizers name this organization,
	// drafts included, in the order of Archive.Events (oldest first).
	Events []*Event
}

// Names returns every name the organization is known by: its name, its
// short name and its aliases, in that order, each once.
func (o *Organization) Names() []string {
	names := []string{o.Name}
	if o.ShortName != "" {
		names = append(names, o.ShortName)
	}
	for _, a := range o.Aliases {
		if !slices.Contains(names, a) {
			names = append(names, a)
		}
	}
	return names
}

// Organizer is one entry of an event's organizers: list as written, and
// the organization of the directory it names.
type Organizer struct {
	Text string        // as written in the record
	Org  *Organization // nil when the entry names no organization: shown as plain text
	Pos  Position      // where the entry is written
}

var organizationKeys = []string{"name", "short_name", "aliases", "url", "type", "region", "summary"}

// orgTranslatableKeys are the keys of an organization's front matter a
// translation gives: IOM is the Organisation internationale pour les
// migrations (OIM) in French, and who an organization is reads in the
// reader's language. Its website, type, region and the spellings
// records use are facts of the original.
var orgTranslatableKeys = []string{"name", "short_name", "summary"}

// organizationTranslationJob makes the job of organizations/<key>.<lang>.md,
// a translation of organizations/<key>.md; nil when its name is wrong
// (reported).
func (l *loader) organizationTranslationJob(site *Site, name, stem string) *job {
	key, lang, _ := translationName(stem)
	if !l.checkOrganizationKey(name, key) {
		return nil
	}
	if msg := translationLang(site, stem, key, lang, key+".md", true); msg != "" {
		l.errorf(name, 0, 0, "%s", msg)
		return nil
	}
	return &job{name: name, slug: key, org: true, lang: lang, orig: path.Join(OrganizationsFolder, key+".md")}
}

// In returns the organization's text in lang: its translation into
// lang, or its own when it has none (lang the default language
// included). A translation that gives no name or short name keeps the
// original's: many organizations are known by one name everywhere.
func (o *Organization) In(lang string) Localized {
	t := o.Translations[lang]
	if t == nil {
		return Localized{Title: o.Name, ShortName: o.ShortName, Summary: o.Summary, Body: o.Body, BodyLine: o.BodyLine, Path: o.Path}
	}
	return Localized{Translation: t, Lang: lang, Title: cmp.Or(t.Title, o.Name), ShortName: cmp.Or(t.ShortName, o.ShortName), Summary: t.Summary, Body: t.Body, BodyLine: t.BodyLine, Path: t.Path}
}

// TranslationDigest returns the digest of the organization's translatable
// text (name, short name, summary, body), as Event.TranslationDigest does.
func (o *Organization) TranslationDigest() string {
	return digest([]string{"organization", o.Name, o.ShortName, o.Summary, string(bytes.TrimSpace(o.Body))})
}

// UntranslatedOrganizations returns the organizations of the directory
// that have no translation into lang, in the directory's order; none for
// the default language.
func (a *Archive) UntranslatedOrganizations(lang string) []*Organization {
	if a.Site == nil || lang == a.Site.Language {
		return nil
	}
	var out []*Organization
	for _, o := range a.Organizations {
		if o.Translations[lang] == nil {
			out = append(out, o)
		}
	}
	return out
}

// organizationTypes decodes site.yaml's organization_types: list.
func (d *decoder) organizationTypes(v *yaml.Node) []*OrganizationType {
	var out []*OrganizationType
	keys := map[string]bool{}
	d.declarations(v, "organization type", "organization_types", MaxOrganizationTypes, []string{"key", "name", "description"}, []string{"key", "name"}, nil,
		func() func(key, s string, v *yaml.Node) {
			t := &OrganizationType{}
			out = append(out, t)
			return func(key, s string, v *yaml.Node) {
				switch key {
				case "key":
					d.declaredName(v, "organization type key", s, keys, nil)
					t.Key = s
				case "name":
					t.Name, t.Names.Name = s, d.declaredText(v)
				case "description":
					t.Description, t.Names.Description = s, d.declaredText(v)
				}
			}
		})
	return out
}

// checkOrganizationKey reports whether key, the name of the file name
// below organizations/, may name an organization, and says why not.
func (l *loader) checkOrganizationKey(name, key string) bool {
	switch {
	case !validSlug(key):
		l.errorf(name, 0, 0, "organization key %q (the file name) must be lowercase ASCII letters, digits and hyphens: rename the file (the key becomes the address /%s/<key>/)", key, OrganizationsFolder)
	case len(key) > MaxSlugLength:
		l.errorf(name, 0, 0, "organization key %q (the file name) is %d characters long; the limit is %d: rename the file", key, len(key), MaxSlugLength)
	case key == "page":
		// The directory is paginated like an index: its pages after the
		// first are below /organizations/page/.
		l.errorf(name, 0, 0, "organization key %q (the file name) is the folder of the directory's further pages (/%s/page/2/ and on): rename the file", key, OrganizationsFolder)
	default:
		return true
	}
	return false
}

// decodeOrganization fills o from its front matter. site resolves the
// type and the region.
func decodeOrganization(d *decoder, root *yaml.Node, site *Site, o *Organization) {
	o.Pos = map[string]Position{}
	given := d.mapping(root, "front matter", organizationKeys, func(key string, k, v *yaml.Node) {
		o.Pos[key] = Position{Line: v.Line + d.lineOff, Col: v.Column}
		switch key {
		case "name":
			o.Name, _ = d.text(key, v, MaxTitleLength)
		case "short_name":
			o.ShortName, _ = d.text(key, v, 50)
		case "aliases":
			if v.Kind == yaml.SequenceNode && len(v.Content) > MaxOrganizationAliases {
				d.nodeErr(v.Content[MaxOrganizationAliases], "aliases: this is alias number %d; an organization has at most %d (see docs/content-limits.md)", MaxOrganizationAliases+1, MaxOrganizationAliases)
				break
			}
			o.Aliases = d.strList("aliases", v)
		case "url":
			if s, ok := d.text(key, v, 2000); ok {
				if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					d.nodeErr(v, "url: %q is not the full address of a website: write it with https://, e.g. https://www.icvanetwork.org/", s)
				} else {
					o.URL = s
				}
			}
		case "type":
			if s, ok := d.text(key, v, 0); ok {
				o.Type = site.OrganizationTypeByKey(s)
				if o.Type == nil {
					d.nodeErr(v, "unknown organization type %q%s", s, orgTypeHint(site, s))
				}
			}
		case "region":
			if s, ok := d.text(key, v, 0); ok {
				if r := site.RegionByKey(s); r != nil {
					o.Region = r
				} else if r := regionMeant(site, s); r != nil {
					d.nodeErr(v, "unknown region %q; did you mean %s (%s)? region takes a key from site.yaml: %s", s, r.Key, r.Name, regionKeys(site))
				} else {
					d.nodeErr(v, "unknown region %q; site.yaml declares: %s", s, regionKeys(site))
				}
			}
		case "summary":
			o.Summary, _ = d.text(key, v, MaxSummaryLength)
		}
	})
	d.missing(root, given, []string{"name", "type", "summary"}, organizationKeys, o.Body, o.BodyLine)
}

// orgTypeHint is the end of the message on an unknown organization type:
// the key meant, or the keys site.yaml declares.
func orgTypeHint(site *Site, s string) string {
	if len(site.OrganizationTypes) == 0 {
		return "; site.yaml declares no organization_types: add the list (key, name) there"
	}
	keys := make([]string, len(site.OrganizationTypes))
	want := foldName(s)
	slug := strings.Join(strings.FieldsFunc(want, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') }), "-")
	var meant *OrganizationType
	bestD := 1 << 30
	for i, t := range site.OrganizationTypes {
		keys[i] = t.Key
		switch dist := levenshtein(slug, t.Key); {
		case slug == t.Key || want == foldName(t.Name):
			meant, bestD = t, -1
		case dist <= max(2, len(t.Key)/3) && dist < bestD:
			meant, bestD = t, dist
		}
	}
	if meant != nil {
		return fmt.Sprintf("; did you mean %s (%s)? type takes a key of site.yaml's organization_types: %s", meant.Key, meant.Name, strings.Join(keys, ", "))
	}
	return "; site.yaml's organization_types declares: " + strings.Join(keys, ", ")
}

// orgPunct is made once: every organizer entry and every name of the
// directory is folded, and a Replacer builds its tables when made.
var orgPunct = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "\u2013", "-", "\u2014", "-")

// foldOrgName is how organizer entries are compared with the names of the
// directory: without case, accents, typographic quotes and dashes, or
// repeated spaces.
func foldOrgName(s string) string {
	s = orgPunct.Replace(s)
	return strings.Join(strings.Fields(foldName(s)), " ")
}

// orgIndex resolves organizer entries to the directory.
type orgIndex struct {
	byKey  map[string]*Organization
	byName map[string][]*Organization // by foldOrgName of key, name, short name and aliases
	// asWritten is byName by those names as the organizations' files
	// write them: most entries spell a name so, and folding every entry
	// of every record was most of the cost of resolving them.
	asWritten map[string][]*Organization
	hints     map[string]string // the hint given for each unknown spelling, folded
}

func newOrgIndex(orgs []*Organization) *orgIndex {
	x := &orgIndex{byKey: map[string]*Organization{}, byName: map[string][]*Organization{}, asWritten: map[string][]*Organization{}, hints: map[string]string{}}
	folded := map[string]string{}
	for _, o := range orgs {
		x.byKey[o.Key] = o
		for _, n := range append(o.Names(), o.Key) {
			f := foldOrgName(n)
			folded[n] = f
			if !slices.Contains(x.byName[f], o) {
				x.byName[f] = append(x.byName[f], o)
			}
		}
	}
	for n, f := range folded {
		x.asWritten[n] = x.byName[f]
	}
	return x
}

// resolve returns the organizations an entry names: its key, written
// exactly, names one outright (so that a record can always tell apart
// two organizations that share a spelling); otherwise every organization
// whose key, name, short name or alias it matches.
func (x *orgIndex) resolve(s string) []*Organization {
	if o := x.byKey[s]; o != nil {
		return []*Organization{o}
	}
	if m, ok := x.asWritten[s]; ok {
		return m
	}
	return x.byName[foldOrgName(s)]
}

// OrganizationByKey returns the organization of the directory with the
// given key, or nil.
func (a *Archive) OrganizationByKey(key string) *Organization {
	if a.orgs == nil {
		return nil
	}
	return a.orgs.byKey[key]
}

// Organization returns the organization an organizer entry names (by key,
// name, short name or alias, without case or accents), as Load resolves
// the records' entries; nil when it names none or more than one.
func (a *Archive) Organization(name string) *Organization {
	if a.orgs == nil {
		return nil
	}
	if m := a.orgs.resolve(name); len(m) == 1 {
		return m[0]
	}
	return nil
}

// resolveOrganizers links every event's organizers to the directory, and
// each organization to its events. An entry that names no organization
// is a warning while the archive has a directory (a site without one
// lists its organizers as plain text, as it always did); an entry that
// names two is an error, and so is one organization listed twice.
func (l *loader) resolveOrganizers(a *Archive) {
	x := newOrgIndex(a.Organizations)
	a.orgs = x
	dir := l.p(OrganizationsFolder) + "/"
	for _, e := range a.Events {
		e.ResolvedOrganizers = make([]Organizer, len(e.Organizers))
		for i, s := range e.Organizers {
			var pos Position
			if i < len(e.organizerPos) {
				pos = e.organizerPos[i]
			}
			e.ResolvedOrganizers[i] = Organizer{Text: s, Pos: pos}
			if len(a.Organizations) == 0 {
				continue
			}
			switch m := x.resolve(s); len(m) {
			case 0:
				l.add(&Error{Path: l.p(e.Path), Line: pos.Line, Col: pos.Col, Severity: SeverityWarning,
					Msg: fmt.Sprintf("organizer %q is not in the directory of organizations (%s), so it is shown as plain text%s", s, dir, x.hint(s, a.Organizations, dir))})
			case 1:
				o := m[0]
				if j := slices.IndexFunc(e.ResolvedOrganizers[:i], func(r Organizer) bool { return r.Org == o }); j >= 0 {
					l.errorf(e.Path, pos.Line, pos.Col, "organizer %q names %s (%s) again, as %q does on line %d: list each organization once", s, o.Key, o.Name, e.ResolvedOrganizers[j].Text, e.ResolvedOrganizers[j].Pos.Line)
					continue
				}
				e.ResolvedOrganizers[i].Org = o
				o.Events = append(o.Events, e)
			default:
				var names []string
				for _, o := range m {
					names = append(names, fmt.Sprintf("%s (%s)", o.Key, o.Name))
				}
				l.errorf(e.Path, pos.Line, pos.Col, "organizer %q matches %d organizations of the directory: %s; write the key of the one meant, and give each spelling to one organization only", s, len(m), strings.Join(names, ", "))
			}
		}
	}
}

// hint suggests, for an entry that names no organization, the one it most
// likely means: a name misspelt by a few letters, one that holds the
// entry's words ("Migrant Forum" for Migrant Forum in Asia), or a short
// name or key among the entry's words ("MADE" in "MADE / ICMC").
func (x *orgIndex) hint(s string, orgs []*Organization, dir string) string {
	want := foldOrgName(s)
	h, ok := x.hints[want]
	if !ok && len(x.hints) < MaxOrganizerHints {
		h = x.meant(want, orgs)
		x.hints[want] = h
	}
	if h == "" {
		return fmt.Sprintf(": write the key, name, short name or an alias of an organization there, or add %s<key>.md for it", dir)
	}
	return fmt.Sprintf("; did you mean %s? Write its key, or add %q to the aliases of %s%s.md", h, s, dir, strings.Fields(h)[0])
}

// meant returns the key and name, "key (Name)", of the organization the
// folded unknown spelling want most likely means, or "".
func (x *orgIndex) meant(want string, orgs []*Organization) string {
	fuzzy := utf8.RuneCountInString(want) <= maxFuzzyRunes
	words := strings.FieldsFunc(want, func(r rune) bool {
		return r == ' ' || r == '/' || r == ',' || r == '(' || r == ')' || r == '-' || r == '&'
	})
	var best *Organization
	bestD := 1 << 30
	var within, worded []*Organization
	for _, o := range orgs {
		for _, n := range append(o.Names(), o.Key) {
			f := foldOrgName(n)
			if n := utf8.RuneCountInString(f); fuzzy && n <= maxFuzzyRunes {
				if dist := levenshtein(want, f); dist <= max(2, n/4) && dist < bestD {
					best, bestD = o, dist
				}
			}
			if len(want) >= 4 && strings.Contains(f, want) && !slices.Contains(within, o) {
				within = append(within, o)
			}
			if len(words) > 1 && slices.Contains(words, f) && !slices.Contains(worded, o) {
				worded = append(worded, o)
			}
		}
	}
	switch {
	case best != nil:
	case len(within) == 1:
		best = within[0]
	case len(worded) == 1:
		best = worded[0]
	default:
		return ""
	}
	return fmt.Sprintf("%s (%s)", best.Key, best.Name)
}

// sortOrganizations orders the directory as its page lists it: by type,
// in site.yaml's order, then by name without case or accents, then key.
func sortOrganizations(site *Site, orgs []*Organization) {
	rank := map[*OrganizationType]int{}
	for i, t := range site.OrganizationTypes {
		rank[t] = i
	}
	// Each name folded once, not at every comparison.
	folded := make(map[*Organization]string, len(orgs))
	for _, o := range orgs {
		folded[o] = foldOrgName(o.Name)
	}
	slices.SortStableFunc(orgs, func(a, b *Organization) int {
		ra, rb := len(rank), len(rank)
		if a.Type != nil {
			ra = rank[a.Type]
		}
		if b.Type != nil {
			rb = rank[b.Type]
		}
		return cmp.Or(cmp.Compare(ra, rb), strings.Compare(folded[a], folded[b]), strings.Compare(a.Key, b.Key))
	})
}
