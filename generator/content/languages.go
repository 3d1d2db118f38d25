package content

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// MaxLanguages is how many languages site.yaml may list. Every language
// but the default adds a whole site (indexes, search index, feed,
// calendar) under its own folder: ten keep a build within a few times
// the one-language build, and the UN works in six.
const MaxLanguages = 10

// siteLanguages reads language: or languages: from site.yaml's root
// mapping, before anything else, since every name that follows is
// checked against them. It returns the languages, the default first
// (["en"] when neither key is given), or nil when they are wrong
// (reported).
func (d *decoder) siteLanguages(root *yaml.Node) []string {
	if root.Kind != yaml.MappingNode {
		return []string{"en"} // reported by the mapping of the root
	}
	var one, many, oneKey *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode || v.Kind == yaml.AliasNode:
			// Reported by the mapping of the root.
		case k.Value == "language" && one == nil:
			one, oneKey = v, k
		case k.Value == "languages" && many == nil:
			many = v
		}
	}
	switch {
	case one != nil && many != nil:
		d.nodeErr(oneKey, "language: and languages: are both given: a site in several languages lists them all in languages: (the default first); delete language:")
		return nil
	case one != nil:
		s, ok := d.text("language", one, 35)
		if !ok {
			return nil
		}
		if tag := d.langTag("language", one, s); tag != "" {
			return []string{tag}
		}
		return nil
	case many == nil:
		return []string{"en"}
	}
	if many.Kind != yaml.SequenceNode {
		if many.Kind == yaml.ScalarNode && many.Tag != "!!null" {
			d.nodeErr(many, "languages: expected a list, found %s; write [%s]", describe(many), many.Value)
		} else {
			d.nodeErr(many, "languages: expected a list of language codes, the default first, such as [en, fr, es]; found %s", describe(many))
		}
		return nil
	}
	if len(many.Content) == 0 {
		d.nodeErr(many, "languages: the list is empty; list the site's languages, the default first, such as [en, fr, es]")
		return nil
	}
	var langs []string
	good := true
	for i, it := range many.Content {
		if i == MaxLanguages {
			d.nodeErr(it, "languages: this is language number %d; a site has at most %d languages (see docs/content-limits.md)", i+1, MaxLanguages)
			return nil
		}
		if it.Kind == yaml.AliasNode {
			d.nodeErr(it, "languages: YAML aliases (*%s) are not allowed; write the value out", it.Value)
			good = false
			continue
		}
		s, ok := d.text("languages item", it, 35)
		if !ok {
			good = false
			continue
		}
		tag := d.langTag("languages", it, s)
		switch {
		case tag == "":
			good = false
		case contains(langs, tag):
			d.nodeErr(it, "languages: %s is listed twice; list each language once", langName(tag))
			good = false
		default:
			langs = append(langs, tag)
			d.lang.nodes[tag] = it
		}
	}
	if !good {
		return nil
	}
	return langs
}

// langTag checks s, a language code of site.yaml, and returns it, or ""
// when it is not one (reported at v). The code names the folder of the
// language's pages (/fr/) and the suffix of its files (x.fr.md), so it
// must be written in the tag's usual form.
func (d *decoder) langTag(key string, v *yaml.Node, s string) string {
	tag, meant := parseLang(s)
	switch {
	case tag == "" && meant != "":
		d.nodeErr(v, "%s: %q is not a language code; write %s", key, s, meant)
	case tag == "":
		d.nodeErr(v, "%s: %q is not a language code (BCP 47): write the language's code, such as en, fr or es", key, s)
	case tag == "und":
		d.nodeErr(v, "%s: %q is the code for an undetermined language; write the language's code, such as en, fr or es", key, s)
	case tag != s:
		d.nodeErr(v, "%s: write %q as %s, the code's usual form (it names the language's folder, /%s/, and its files, x.%s.md)", key, s, tag, tag, tag)
	default:
		return tag
	}
	return ""
}

// OtherLanguages returns the site's languages but the default: those
// whose pages live under /<code>/, and into which records are translated.
func (s *Site) OtherLanguages() []string {
	if len(s.Languages) < 2 {
		return nil
	}
	return s.Languages[1:]
}

// englishName names a language in English for messages ("French"), or
// returns "" when code is not a known tag.
func englishName(code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return ""
	}
	return display.English.Tags().Name(t)
}

// checkLanguageFolders reports a language whose folder, /fr/, is also a
// kind's folder: both would be the same folder of the built site.
func (d *decoder) checkLanguageFolders(s *Site, root *yaml.Node) {
	for _, lang := range s.OtherLanguages() {
		if k := s.KindByFolder(lang); k != nil {
			at := root
			if d.lang != nil && d.lang.nodes[lang] != nil {
				at = d.lang.nodes[lang]
			}
			d.nodeErr(at, "languages: the pages in %s live in the folder /%s/, which is also the folder of the kind %q; give the kind another folder", langName(lang), lang, k.Key)
		}
	}
}

// translationName splits the name of a Markdown file, without its .md,
// into the name of its original and the language of the translation
// ("2013-x.fr" → "2013-x", "fr"); ok is false for a name without a dot.
func translationName(stem string) (orig, lang string, ok bool) {
	i := strings.LastIndexByte(stem, '.')
	if i < 0 {
		return stem, "", false
	}
	return stem[:i], stem[i+1:], true
}

// translationLang checks the language of a translation's file name, the
// "fr" of 2013-x.fr.md, against the site's languages, and says what is
// wrong (or returns ""). original is the original's file name, for the
// message ("2013-x.md"); hintOwn suggests a name with hyphens for a file
// whose dot was not meant to name a language.
func translationLang(site *Site, stem, orig, lang, original string, hintOwn bool) string {
	tag, _ := parseLang(lang)
	switch {
	case tag == "" || tag == "und":
		hint := ""
		if s := strings.ReplaceAll(stem, ".", "-"); hintOwn && validSlug(s) {
			hint = fmt.Sprintf("; if it is a record or page of its own, name it %s.md", s)
		}
		return fmt.Sprintf("a dot in a file name marks a translation, <name>.<language>.md, and %q is not a language code (the site's languages: %s)%s", lang, langList(site.Languages), hint)
	case tag == site.Language:
		others := "list another language in languages: in site.yaml to translate into it"
		if len(site.Languages) > 1 {
			others = fmt.Sprintf("a translation is named after another language, such as %s.%s.md", orig, site.Languages[1])
		}
		return fmt.Sprintf("this names a translation into %s, the site's default language, in which the original %s is written: %s", langName(tag), original, others)
	case tag != lang && contains(site.Languages, tag):
		return fmt.Sprintf("write the language %q as %s: name the file %s.%s.md", lang, tag, orig, tag)
	case !contains(site.Languages, tag):
		return fmt.Sprintf("%s is not in the site's languages: (%s) in site.yaml: add it to languages: to publish this translation, or rename the file if it is not one", langName(tag), langList(site.Languages))
	}
	return ""
}
