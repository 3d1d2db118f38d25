package content

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// commonLanguages are the languages whose names an author may write instead
// of their tag ("English", "français"): the UN's six and the other
// languages IOM publishes in most.
var commonLanguages = []language.Tag{
	language.English, language.French, language.Spanish, language.Arabic,
	language.Chinese, language.Russian, language.Portuguese, language.German,
	language.Italian, language.Turkish, language.Persian, language.Urdu,
	language.Hindi, language.Bengali, language.Indonesian, language.Swahili,
	language.Ukrainian, language.Japanese, language.Korean, language.Dutch,
	language.Make("am"), language.Make("ha"), language.Make("so"), language.Make("ps"),
	language.Make("ti"), language.Make("wo"), language.Make("ht"), language.Make("tl"),
}

// parseLang reads a document's lang: a BCP 47 language tag ("en", "fr",
// "pt-BR"), returned in its canonical form. When s is not one, it returns
// "" and the tag s probably meant ("en" for "English" or "anglais"), or ""
// when it cannot tell.
func parseLang(s string) (tag, meant string) {
	if t, err := language.Parse(s); err == nil && !strings.ContainsAny(s, " _") {
		return t.String(), ""
	}
	if t, err := language.Parse(strings.ReplaceAll(s, "_", "-")); err == nil && !strings.Contains(s, " ") {
		return "", t.String() // en_US: the separator is a hyphen
	}
	want := foldName(s)
	for _, t := range commonLanguages {
		for _, name := range []string{display.English.Languages().Name(t), display.Self.Name(t), display.French.Languages().Name(t), display.Spanish.Languages().Name(t)} {
			if name != "" && foldName(name) == want {
				return "", t.String()
			}
		}
	}
	return "", ""
}

// foldName compares language names without case or accents.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
		if r < 0x300 || r > 0x36f { // combining accents
			b.WriteRune(r)
		}
	}
	return b.String()
}
