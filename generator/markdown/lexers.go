package markdown

import (
	"encoding/xml"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2/syntax"
)

// Chroma compiles every rule of its regexp lexers with a MatchTimeout of
// 250 ms, measured on a clock that runs whether or not the matching
// goroutine does, and takes a rule that timed out for a rule that did not
// match. On a loaded machine (the race detector, a busy CI runner, a
// garbage collection at the wrong moment) a block could be highlighted
// differently from one build to the next, and nothing tells the caller.
// No lexer is immune: a pause of a few hundred milliseconds in the middle
// of the simplest match is enough.
//
// So the renderer never uses chroma's registered lexers. It builds, for
// each language in highlightLanguages, a lexer of its own from the same
// rules, in a registry of its own (so that HTML's scripts are read by the
// renderer's JavaScript lexer), whose compiled rules have regexp2's
// "never" timeout, with which regexp2 does not read the clock at all:
// what a lexer does depends on its input alone.
//
// Without the timeout nothing stops a rule that backtracks
// exponentially, and chroma has many (see backtrack.go): its string
// rules for Go, JSON, JavaScript, CSS, TOML and YAML among them. So each
// rule is made linear first, its ambiguous repetitions made atomic, and
// a language with a rule that cannot be, or with a rule chroma cannot
// serialise (Go code that may call chroma's own lexers, timeouts and
// all) that replacedEmitters does not replace, is shown plain.
// What bounds the work is then the input (the limits in highlight.go):
// TestHighlightLanguages checks every rule, TestHighlightOnSlowMachine
// that no timeout is left anywhere, and TestHostileHighlighting the time
// and memory of hostile blocks in every language.

// highlightLanguages are the chroma lexers, by name, that Render
// highlights with: the languages an author of the archive plausibly
// quotes, whose rules are checked as above. A language missing here is
// shown plain, its class kept. Lexers used by a listed lexer for embedded
// code (HTML's for scripts and styles) must be listed too, or the block
// is shown plain.
var highlightLanguages = []string{
	"C",
	"CSS",
	"Diff",
	"Go",
	"HTML",
	"INI",
	"JSON",
	"JavaScript",
	"Python",
	"SQL",
	"TOML",
	"TypeScript",
	"XML",
	"YAML",
	"plaintext",
}

// replacedEmitters replace, by lexer and pattern, the emitters of
// chroma's rules that are Go code rather than data (chroma cannot
// serialise them): they may call lexers that are chroma's own, with their
// timeouts. Go's raw strings are read by chroma's Go template lexer,
// which highlights template actions in them; here they are one string.
// Any other such rule leaves its language plain.
var replacedEmitters = map[string]map[string]chroma.Emitter{
	"Go": {"(`)([^`]*)(`)": chroma.LiteralString},
}

// neverTimeout is regexp2's value for no timeout (its
// DefaultMatchTimeout), with which it skips every clock check.
const neverTimeout = time.Duration(math.MaxInt64)

// untimed is a lexer-compiling mutator, placed alone in a state of its
// own, that chroma runs once, after compiling every rule of the lexer and
// before any input is read: it lifts the timeout of every rule and then
// removes its state. compiled keeps the rules, for the tests.
type untimed struct {
	compiled chroma.CompiledRules
}

// untimedState is the state that holds the untimed rule, a name no
// chroma lexer gives a state (untimedLexer checks).
const untimedState = "archive: untimed"

// Mutate implements chroma.Mutator; the rule is gone before any input is
// read, so it is never called.
func (*untimed) Mutate(*chroma.LexerState) error { return nil }

// MutateLexer implements chroma.LexerMutator.
func (u *untimed) MutateLexer(rules chroma.CompiledRules, state string, _ int) error {
	for _, rs := range rules {
		for _, r := range rs {
			r.Regexp.MatchTimeout = neverTimeout
		}
	}
	delete(rules, state)
	u.compiled = rules
	return nil
}

// untimedSet is the renderer's lexers: each in the registry their
// embedded-code rules look lexers up in, by name, with the untimed
// mutator of each, for the tests. dropped are the languages left plain
// because a rule of theirs could not be made linear or has an emitter that
// is Go code (none, as TestHighlightLanguages checks).
type untimedSet struct {
	registry *chroma.LexerRegistry
	byName   map[string]chroma.Lexer
	untimed  map[string]*untimed
	dropped  map[string]error
}

// untimedLexers builds the renderer's lexers on first use: compiling a
// lexer's rules is chroma's work, done once per lexer.
var untimedLexers = sync.OnceValue(func() *untimedSet {
	set := &untimedSet{
		registry: chroma.NewLexerRegistry(),
		byName:   make(map[string]chroma.Lexer),
		untimed:  make(map[string]*untimed),
		dropped:  make(map[string]error),
	}
	for _, name := range highlightLanguages {
		clone, u, err := untimedLexer(name)
		if err != nil {
			set.dropped[name] = err
			continue
		}
		set.byName[name] = set.registry.Register(clone)
		set.untimed[name] = u
	}
	return set
})

// untimedLexer returns a lexer with the rules of chroma's lexer name,
// made linear, and no timeout.
func untimedLexer(name string) (*chroma.RegexLexer, *untimed, error) {
	l, ok := lexers.Get(name).(*chroma.RegexLexer)
	if !ok || l.Config().Name != name {
		return nil, nil, fmt.Errorf("%q is not one of chroma's regexp lexers", name)
	}
	rules, err := l.Rules()
	if err != nil {
		return nil, nil, err
	}
	rules = rules.Clone()
	if _, ok := rules[untimedState]; ok {
		return nil, nil, fmt.Errorf("a state is named %q", untimedState)
	}
	opts := patternOptions(l.Config())
	for state, rs := range rules {
		for i := range rs {
			if _, err := xml.Marshal(rs[i]); err != nil {
				e, ok := replacedEmitters[name][rs[i].Pattern]
				if !ok {
					return nil, nil, fmt.Errorf("rule %s.%d: %w", state, i, err)
				}
				rs[i].Type = e
			}
			if rs[i].Pattern == "" {
				continue
			}
			p, err := linearPattern(rs[i].Pattern, opts)
			if err != nil {
				return nil, nil, fmt.Errorf("rule %s.%d: %w", state, i, err)
			}
			rs[i].Pattern = p
		}
	}
	u := &untimed{}
	rules[untimedState] = []chroma.Rule{{Mutator: u}}
	clone, err := chroma.NewLexer(l.Config(), func() chroma.Rules { return rules })
	if err != nil {
		return nil, nil, err
	}
	return clone, u, nil
}

// patternOptions are the options chroma compiles the rules of a lexer
// with.
func patternOptions(cfg *chroma.Config) syntax.RegexOptions {
	var opts syntax.RegexOptions
	if !cfg.NotMultiline {
		opts |= syntax.Multiline
	}
	if cfg.CaseInsensitive {
		opts |= syntax.IgnoreCase
	}
	if cfg.DotAll {
		opts |= syntax.Singleline
	}
	return opts
}

// lexerFor returns the renderer's lexer for a language named as in an
// info string, or nil if it is shown plain. The name is resolved as chroma
// resolves it (aliases and file extensions: "sh", "golang", "py"), so
// that a language is the same one whether highlighted or not.
func lexerFor(lang string) chroma.Lexer {
	l := lexers.Get(lang)
	if l == nil {
		return nil
	}
	return untimedLexers().byName[l.Config().Name]
}
