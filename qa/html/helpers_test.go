package html

import (
	"html"
	"regexp"
	"strings"
)

// The pages are html/template output, so their tags are regular enough for
// these small readers; they are not a general HTML parser.

var (
	tagRe  = regexp.MustCompile(`<(meta|link|html|a)\b([^>]*)>`)
	attrRe = regexp.MustCompile(`([a-zA-Z:-]+)(?:="([^"]*)")?`)
	ldRe   = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	h1Re   = regexp.MustCompile(`(?s)<h1\b[^>]*>(.*?)</h1>`)
	markRe = regexp.MustCompile(`<[^>]*>`)
)

// tags returns the attributes of every <name> start tag of page.
func tags(page []byte, name string) []map[string]string {
	var out []map[string]string
	for _, m := range tagRe.FindAllSubmatch(page, -1) {
		if string(m[1]) != name {
			continue
		}
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllSubmatch(m[2], -1) {
			attrs[string(a[1])] = html.UnescapeString(string(a[2]))
		}
		out = append(out, attrs)
	}
	return out
}

// metaContent returns the content of the <meta> whose key attribute
// (name or property) is value, and how many such tags there are.
func metaContent(page []byte, key, value string) (string, int) {
	var content string
	n := 0
	for _, m := range tags(page, "meta") {
		if m[key] == value {
			content = m["content"]
			n++
		}
	}
	return content, n
}

// linkHref returns the href of every <link rel=rel>.
func linkHref(page []byte, rel string) []string {
	var out []string
	for _, l := range tags(page, "link") {
		if l["rel"] == rel {
			out = append(out, l["href"])
		}
	}
	return out
}

// jsonLD returns the bodies of the page's JSON-LD scripts.
func jsonLD(page []byte) [][]byte {
	var out [][]byte
	for _, m := range ldRe.FindAllSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// h1Text returns the text of the page's first <h1>.
func h1Text(page []byte) string {
	m := h1Re.FindSubmatch(page)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(html.UnescapeString(markRe.ReplaceAllString(string(m[1]), ""))), " ")
}
