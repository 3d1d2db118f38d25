package content

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Text is a name a reader sees (the site's title, a kind's plural, a
// region's description) in each of the site's languages. site.yaml gives
// it as one string, the same in every language (a proper name needs no
// translation), or as a map by language, {en: …, fr: …, es: …}, which
// must then give every language the site lists.
type Text struct {
	// Default is the text in the site's default language.
	Default string
	// ByLang holds the text in each language when site.yaml gives a
	// map; nil when it gives one string.
	ByLang map[string]string
}

// Get returns the text in lang: its translation when site.yaml gives
// one, Default otherwise.
func (t Text) Get(lang string) string {
	if s, ok := t.ByLang[lang]; ok {
		return s
	}
	return t.Default
}

// String returns the text in the default language.
func (t Text) String() string { return t.Default }

// Translated reports whether site.yaml gives the text in lang itself,
// rather than one string for every language: a page may mark the
// fallback with the default language's lang attribute.
func (t Text) Translated(lang string) bool {
	_, ok := t.ByLang[lang]
	return ok
}

// pick returns t in lang, or fallback when t holds nothing: a Kind or
// Region built by a test, with only its string fields, still reads.
func pick(t Text, lang, fallback string) string {
	if s := t.Get(lang); s != "" {
		return s
	}
	return fallback
}

// SiteNames are site.yaml's title and description in every language.
type SiteNames struct{ Title, Description Text }

// KindNames are a kind's names in every language; Plural defaults to
// Name, language by language.
type KindNames struct{ Name, Plural, Description Text }

// RegionNames are a region's names in every language.
type RegionNames struct{ Name, Description Text }

// TopicNames are a topic's names in every language.
type TopicNames struct{ Name, Description Text }

// OrganizationTypeNames are an organization type's names in every
// language.
type OrganizationTypeNames struct{ Name, Description Text }

// TitleIn returns the site's title in lang.
func (s *Site) TitleIn(lang string) string { return pick(s.Names.Title, lang, s.Title) }

// DescriptionIn returns the site's description in lang ("" when none).
func (s *Site) DescriptionIn(lang string) string {
	return pick(s.Names.Description, lang, s.Description)
}

// NameIn returns the kind's singular name in lang.
func (k *Kind) NameIn(lang string) string { return pick(k.Names.Name, lang, k.Name) }

// PluralIn returns the kind's plural name in lang.
func (k *Kind) PluralIn(lang string) string { return pick(k.Names.Plural, lang, k.Plural) }

// DescriptionIn returns the kind's description in lang ("" when none).
func (k *Kind) DescriptionIn(lang string) string {
	return pick(k.Names.Description, lang, k.Description)
}

// NameIn returns the region's name in lang.
func (r *Region) NameIn(lang string) string { return pick(r.Names.Name, lang, r.Name) }

// DescriptionIn returns the region's description in lang ("" when none).
func (r *Region) DescriptionIn(lang string) string {
	return pick(r.Names.Description, lang, r.Description)
}

// NameIn returns the topic's name in lang.
func (t *Topic) NameIn(lang string) string { return pick(t.Names.Name, lang, t.Name) }

// DescriptionIn returns the topic's description in lang ("" when none).
func (t *Topic) DescriptionIn(lang string) string {
	return pick(t.Names.Description, lang, t.Description)
}

// NameIn returns the organization type's name in lang.
func (t *OrganizationType) NameIn(lang string) string { return pick(t.Names.Name, lang, t.Name) }

// DescriptionIn returns the organization type's description in lang ("" when none).
func (t *OrganizationType) DescriptionIn(lang string) string {
	return pick(t.Names.Description, lang, t.Description)
}

// translatableNames are the keys of site.yaml's kinds and regions (and
// any other list of declarations) whose value a reader sees, and which
// therefore take a map by language.
var translatableNames = []string{"name", "plural", "description"}

// langState is what the decoder of site.yaml knows of the site's
// languages while it decodes the names.
type langState struct {
	// langs are the site's languages, the default first; nil when
	// languages: is wrong (reported), so that every map is taken as
	// given rather than reported a second time.
	langs []string
	// texts are the names decoded by declText, by their node, for
	// the setter of the declaration to read (declarations hands its
	// setters plain strings).
	texts map[*yaml.Node]Text
	// nodes are the items of languages:, by language, for messages.
	nodes map[string]*yaml.Node
}

// textIn decodes a name that takes a string or a map by language, each
// text at most max characters. The errors name key ("title",
// "name") and, in a map, the language.
func (d *decoder) textIn(key string, v *yaml.Node, max int) (Text, bool) {
	if v.Kind != yaml.MappingNode {
		s, ok := d.text(key, v, max)
		return Text{Default: s}, ok
	}
	var langs []string
	if d.lang != nil {
		langs = d.lang.langs
	}
	t := Text{ByLang: map[string]string{}}
	given := map[string]bool{} // languages given, even with a text refused
	ok := true
	var first string
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" {
			d.nodeErr(k, "%s: the keys of a name given by language are language codes (%s), found %s", key, langList(langs), describe(k))
			ok = false
			continue
		}
		lang := k.Value
		switch {
		case lang == "<<":
			d.nodeErr(k, "YAML merge keys (<<) are not allowed; write the keys out")
			ok = false
			continue
		case langs != nil && !contains(langs, lang):
			if tag, meant := parseLang(lang); tag != "" && contains(langs, tag) {
				d.nodeErr(k, "%s: write the language %q as %s, as site.yaml's languages: does", key, lang, tag)
			} else if meant != "" && contains(langs, meant) {
				d.nodeErr(k, "%s: %q is not a language code; write %s", key, lang, meant)
			} else {
				d.nodeErr(k, "%s: %s is not one of the site's languages (%s): add it to languages: in site.yaml, or delete this text", key, langName(lang), langList(langs))
			}
			ok = false
			continue
		case given[lang]:
			d.nodeErr(k, "%s: the %s text is given twice", key, langName(lang))
			ok = false
			continue
		}
		given[lang] = true
		if val.Kind == yaml.AliasNode {
			d.nodeErr(val, "%s.%s: YAML aliases (*%s) are not allowed; write the value out", key, lang, val.Value)
			ok = false
			continue
		}
		s, good := d.text(key+"."+lang, val, max)
		if !good {
			ok = false
			continue
		}
		t.ByLang[lang] = s
		if first == "" {
			first = s
		}
	}
	if langs == nil {
		t.Default = first
		return t, ok && first != ""
	}
	for _, lang := range langs {
		if !given[lang] {
			d.nodeErr(v, "%s: the %s text is missing: a name given by language gives one for each of the site's languages (%s)", key, langName(lang), langList(langs))
			ok = false
		}
	}
	t.Default = t.ByLang[langs[0]]
	return t, ok
}

// declText decodes a value of a declaration in site.yaml (a kind, a
// region): text, or for a name a reader sees a map by language, which
// it keeps in d.lang.texts for the declaration's setter to read. It
// returns the text in the default language.
func (d *decoder) declText(key string, v *yaml.Node) (string, bool) {
	if !contains(translatableNames, key) || d.lang == nil {
		return d.text(key, v, 1000)
	}
	t, ok := d.textIn(key, v, 1000)
	if ok {
		d.lang.texts[v] = t
	}
	return t.Default, ok
}

// declaredText returns the name declText decoded at v.
func (d *decoder) declaredText(v *yaml.Node) Text {
	if d.lang == nil {
		return Text{}
	}
	return d.lang.texts[v]
}

// langList writes the site's languages for a message: "en, fr, es".
func langList(langs []string) string {
	if len(langs) == 0 {
		return "none valid"
	}
	return strings.Join(langs, ", ")
}

// langName names a language for a message: "French (fr)", or the code
// alone when it is not a known tag.
func langName(code string) string {
	if n := englishName(code); n != "" {
		return fmt.Sprintf("%s (%s)", n, code)
	}
	return fmt.Sprintf("%q", code)
}
