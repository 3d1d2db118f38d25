package markdown

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dlclark/regexp2/v2/syntax"
)

// Chroma's rules are regexp2 patterns, which backtrack. Many of them
// repeat a group that can match the same text in more than one way: the
// string rule of Go, JSON, JavaScript, CSS and TOML, "(\\\\|\\"|[^"])*",
// reads a backslash either alone or as half of an escaped one, so an
// unclosed string of n backslashes tries about 1.6^n ways before it
// fails (28 take half a second; YAML's reads every backslash two ways).
// Chroma's timeout stopped these after 250 ms, differently on every
// machine; without it they never stop. So before a rule is compiled,
// every repetition that backtracking could enter in more than one way
// has its body made atomic: once an iteration has matched, the loop may
// give it up whole but never try it another way, and a failing match
// costs time linear in its text. This changes what a rule matches only
// where it matched by backtracking into an iteration (an unclosed string
// that ends in an escaped quote), and keeps every capturing group and its
// number, which chroma's emitters count on.

// charSet is a set of characters a part of a pattern can start with;
// nullable if the part can also match nothing.
type charSet struct {
	in       func(rune) bool
	nullable bool
}

var (
	noChars  = charSet{in: func(rune) bool { return false }, nullable: true}
	anyChars = charSet{in: func(rune) bool { return true }, nullable: true}
)

// sampleRunes are the characters two sets are compared on, with those
// the pattern names: all of ASCII and Latin-1, and a sample of the rest
// of the Basic Multilingual Plane (the sets chroma's rules start with are
// ranges and classes, which the sample meets).
var sampleRunes = func() []rune {
	var rs []rune
	for r := rune(0); r < 0x100; r++ {
		rs = append(rs, r)
	}
	for r := rune(0x100); r < 0x10000; r += 97 {
		rs = append(rs, r)
	}
	return rs
}()

func overlap(a, b func(rune) bool, named []rune) bool {
	both := func(r rune) bool { return a(r) && b(r) }
	return slices.ContainsFunc(sampleRunes, both) || slices.ContainsFunc(named, both)
}

func union(a, b func(rune) bool) func(rune) bool {
	return func(r rune) bool { return a(r) || b(r) }
}

// repeats reports whether n is a loop that may run more than once.
func repeats(n *syntax.RegexNode) bool {
	switch n.T {
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy,
		syntax.NtLoop, syntax.NtLazyloop:
		return n.N > 1
	}
	return false
}

// charOf is the set of the one character that n, a leaf or a loop of one
// character, matches.
func charOf(n *syntax.RegexNode) func(rune) bool {
	norm := func(r rune) rune { return r }
	if n.Options&syntax.IgnoreCase != 0 {
		norm = unicode.ToLower // as regexp2 reads input under (?i)
	}
	switch n.T {
	case syntax.NtOne, syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		return func(r rune) bool { return norm(r) == n.Ch }
	case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		return func(r rune) bool { return norm(r) != n.Ch }
	case syntax.NtSet, syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		return func(r rune) bool { return n.Set.CharIn(norm(r)) }
	case syntax.NtMulti:
		return func(r rune) bool { return norm(r) == n.Str[0] }
	}
	return anyChars.in
}

// first is the set of characters a match of n can start with.
func first(n *syntax.RegexNode) charSet {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet, syntax.NtMulti:
		return charSet{in: charOf(n)}
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		return charSet{in: charOf(n), nullable: n.M == 0}
	case syntax.NtConcatenate:
		s := noChars
		for _, c := range n.Children {
			f := first(c)
			s.in = union(s.in, f.in)
			if !f.nullable {
				s.nullable = false
				break
			}
		}
		return s
	case syntax.NtAlternate:
		s := charSet{in: noChars.in}
		for _, c := range n.Children {
			f := first(c)
			s.in = union(s.in, f.in)
			s.nullable = s.nullable || f.nullable
		}
		return s
	case syntax.NtCapture, syntax.NtGroup, syntax.NtAtomic:
		return first(n.Children[0])
	case syntax.NtLoop, syntax.NtLazyloop:
		f := first(n.Children[0])
		f.nullable = f.nullable || n.M == 0
		return f
	case syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary,
		syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd,
		syntax.NtEmpty, syntax.NtPosLook, syntax.NtNegLook,
		syntax.NtECMABoundary, syntax.NtNonECMABoundary, syntax.NtUpdateBumpalong:
		return noChars
	case syntax.NtNothing:
		return charSet{in: noChars.in}
	}
	return anyChars // back references, conditionals: anything
}

// ambiguousBody returns why backtracking could enter one iteration of a
// loop whose body is n in more than one way, or "" if it cannot.
func ambiguousBody(n *syntax.RegexNode, named []rune) string {
	for n.T == syntax.NtCapture || n.T == syntax.NtGroup {
		n = n.Children[0]
	}
	if n.T == syntax.NtAtomic {
		return "" // one way into each iteration
	}
	if first(n).nullable {
		return "a repetition of something that can match nothing"
	}
	var walk func(n *syntax.RegexNode) string
	walk = func(n *syntax.RegexNode) string {
		switch {
		case n.T == syntax.NtAtomic:
			return "" // an iteration never re-enters it
		case repeats(n):
			return "a repetition inside a repetition"
		case n.T == syntax.NtAlternate:
			var firsts []func(rune) bool
			for _, c := range n.Children {
				f := first(c)
				if f.nullable {
					return "a repetition of alternatives one of which can match nothing"
				}
				for _, g := range firsts {
					if overlap(f.in, g, named) {
						return "a repetition of alternatives that can start alike"
					}
				}
				firsts = append(firsts, f.in)
			}
		case n.T == syntax.NtRef:
			return "a repetition of a back reference"
		}
		for _, c := range n.Children {
			if why := walk(c); why != "" {
				return why
			}
		}
		return ""
	}
	return walk(n)
}

// namedRunes appends to rs the characters past Latin-1 that n names
// one at a time, in either case, which the sample may miss.
func namedRunes(n *syntax.RegexNode, rs []rune) []rune {
	for _, r := range append([]rune{n.Ch}, n.Str...) {
		if r >= 0x100 {
			rs = append(rs, r, unicode.ToLower(r), unicode.ToUpper(r))
		}
	}
	for _, c := range n.Children {
		rs = namedRunes(c, rs)
	}
	return rs
}

// ambiguousLoops returns why each loop of n that could backtrack
// exponentially could, one entry a loop. Atomic groups are searched too:
// what they hold backtracks within them.
func ambiguousLoops(n *syntax.RegexNode, named []rune) []string {
	var out []string
	if (n.T == syntax.NtLoop || n.T == syntax.NtLazyloop) && repeats(n) {
		if why := ambiguousBody(n.Children[0], named); why != "" {
			out = append(out, why)
		}
	}
	for _, c := range n.Children {
		out = append(out, ambiguousLoops(c, named)...)
	}
	return out
}

// patternProblems parses pattern as chroma compiles it, with opts, and
// returns why each of its loops could backtrack exponentially.
func patternProblems(pattern string, opts syntax.RegexOptions) ([]string, error) {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{RegexOptions: opts})
	if err != nil {
		return nil, err
	}
	return ambiguousLoops(tree.Root, namedRunes(tree.Root, nil)), nil
}

// repeatedGroups returns where the body of each group of pattern that a
// repetition follows starts and ends: after the group's opening (its "(",
// or "(?:", "(?<name>", "(?i:") and at its ")". Groups in character
// classes and escaped parentheses are not groups; lookarounds, atomic
// groups and comments are left out.
func repeatedGroups(pattern string) [][2]int {
	var (
		out   [][2]int
		opens []int
	)
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			i++
		case '[':
			i++
			if i < len(pattern) && pattern[i] == '^' {
				i++
			}
			if i < len(pattern) && pattern[i] == ']' {
				i++ // a "]" first is one of the class's characters
			}
			for i < len(pattern) && pattern[i] != ']' {
				if pattern[i] == '\\' {
					i++
				}
				i++
			}
		case '(':
			opens = append(opens, i)
		case ')':
			if len(opens) == 0 {
				return nil // not a pattern this scanner reads
			}
			open := opens[len(opens)-1]
			opens = opens[:len(opens)-1]
			body := bodyStart(pattern, open)
			if body < 0 || !repetitionAt(pattern, i+1) {
				continue
			}
			out = append(out, [2]int{body, i})
		}
	}
	return out
}

// bodyStart returns where the body of the group opened at open starts,
// or -1 for a group whose body is not to be made atomic.
func bodyStart(pattern string, open int) int {
	rest := pattern[open+1:]
	if len(rest) == 0 || rest[0] != '?' {
		return open + 1
	}
	if len(rest) < 2 {
		return -1
	}
	switch rest[1] {
	case ':':
		return open + 3
	case '<', '\'', 'P':
		if len(rest) > 2 && (rest[2] == '=' || rest[2] == '!') {
			return -1 // lookbehind
		}
		end := '>'
		if rest[1] == '\'' {
			end = '\''
		}
		for j := 2; j < len(rest); j++ {
			if rune(rest[j]) == end {
				return open + 2 + j
			}
		}
		return -1
	case '=', '!', '>', '#', '(':
		return -1
	}
	for j := 1; j < len(rest); j++ { // inline options: (?i:
		switch c := rest[j]; {
		case c == ':':
			return open + 2 + j
		case c == '-' || unicode.IsLetter(rune(c)):
		default:
			return -1
		}
	}
	return -1
}

// repetitionAt reports whether the quantifier at i lets what precedes it
// match more than once.
func repetitionAt(pattern string, i int) bool {
	if i >= len(pattern) {
		return false
	}
	switch pattern[i] {
	case '*', '+':
		return true
	case '{':
		j := i + 1
		for j < len(pattern) && pattern[j] != '}' {
			j++
		}
		if j == len(pattern) {
			return false
		}
		lo, hi, found := strings.Cut(pattern[i+1:j], ",")
		if !found {
			n, err := strconv.Atoi(lo)
			return err == nil && n > 1
		}
		if hi == "" {
			return true
		}
		n, err := strconv.Atoi(hi)
		return err == nil && n > 1
	}
	return false
}

// linearPattern returns pattern with the body of every group repetition
// that could backtrack exponentially made atomic, one at a time and only
// where that removes a problem, or an error if some problem remains.
func linearPattern(pattern string, opts syntax.RegexOptions) (string, error) {
	problems, err := patternProblems(pattern, opts)
	if err != nil {
		return "", err
	}
	for len(problems) > 0 {
		fixed := false
		for _, g := range repeatedGroups(pattern) {
			candidate := pattern[:g[0]] + "(?>" + pattern[g[0]:g[1]] + ")" + pattern[g[1]:]
			p, err := patternProblems(candidate, opts)
			if err == nil && len(p) < len(problems) {
				pattern, problems, fixed = candidate, p, true
				break
			}
		}
		if !fixed {
			return "", fmt.Errorf("%s, which no atomic group removes", problems[0])
		}
	}
	return pattern, nil
}
