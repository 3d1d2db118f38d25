package qasite

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// HeaderRule is one [[headers]] table of netlify.toml, or one path of a
// _headers file, with the headers it sets.
type HeaderRule struct {
	Pattern string
	Values  map[string]string
	re      *regexp.Regexp
}

// Match reports whether the rule applies to a URL path.
func (r HeaderRule) Match(urlPath string) bool { return r.re.MatchString(urlPath) }

// LoadNetlifyHeaders reads the [[headers]] tables of netlify.toml.
func LoadNetlifyHeaders(file string) ([]HeaderRule, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if err := toml.Unmarshal(src, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var rules []HeaderRule
	for _, h := range cfg.Headers {
		re, err := netlifyPattern(h.For)
		if err != nil {
			return nil, fmt.Errorf("%s: headers for %q: %w", file, h.For, err)
		}
		rules = append(rules, HeaderRule{Pattern: h.For, re: re, Values: h.Values})
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: no [[headers]]", file)
	}
	return rules, nil
}

// netlifyPattern turns a Netlify path pattern into a regular expression:
// "*" matches any run of characters (slashes included), ":name" one path
// segment, everything else itself.
func netlifyPattern(p string) (*regexp.Regexp, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("path must start with /")
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '*':
			b.WriteString(".*")
		case c == ':' && i > 0 && p[i-1] == '/':
			j := i + 1
			for j < len(p) && p[j] != '/' {
				j++
			}
			b.WriteString("[^/]+")
			i = j - 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// ParseHeadersFile reads a Netlify _headers file: a path on a line of its
// own, the headers for it indented below as "Name: value", # comments.
func ParseHeadersFile(data []byte) ([]HeaderRule, error) {
	var rules []HeaderRule
	for i, line := range strings.Split(string(data), "\n") {
		text := strings.TrimSpace(line)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
		case strings.HasPrefix(text, "/"):
			re, err := netlifyPattern(text)
			if err != nil {
				return nil, fmt.Errorf("_headers:%d: %w", i+1, err)
			}
			rules = append(rules, HeaderRule{Pattern: text, re: re, Values: map[string]string{}})
		default:
			name, value, ok := strings.Cut(text, ":")
			if !ok || len(rules) == 0 || line == text {
				return nil, fmt.Errorf("_headers:%d: %q is neither a path nor an indented header of one", i+1, line)
			}
			rules[len(rules)-1].Values[strings.TrimSpace(name)] = strings.TrimSpace(value)
		}
	}
	return rules, nil
}
