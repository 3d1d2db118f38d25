package content

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxTopics bounds site.yaml's topic vocabulary. The topics page lists
// every topic twice (by use and alphabetically) and the search page has a
// facet of them: a few hundred is what a reader can still scan.
const MaxTopics = 1000

// Topic is one entry of the topic vocabulary declared in site.yaml's
// topics: list. Records name topics by Key.
type Topic struct {
	Key         string
	Name        string     // in the default language
	Description string     // in the default language; "" when not given
	Names       TopicNames // the names in every language (text.go)
}

// TopicByKey returns the topic of the vocabulary with the given key, or nil
// (always nil for a site that declares no topics).
func (s *Site) TopicByKey(key string) *Topic {
	if s.topicIndex != nil {
		return s.topicIndex[key]
	}
	for _, t := range s.Topics {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// topics decodes site.yaml's topics: list, in its order. A list with no
// entry is refused: it would make every topic of every record unknown,
// which is never what an author who wrote "topics: []" meant.
func (d *decoder) topics(v *yaml.Node) []*Topic {
	if v.Kind == yaml.SequenceNode && len(v.Content) == 0 || v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		d.nodeErr(v, "topics: the list is empty: declare the topics records may use (key, name), or delete the key to accept any topic")
		return nil
	}
	var out []*Topic
	keys := map[string]bool{}
	d.declarations(v, "topic", "topics", MaxTopics, []string{"key", "name", "description"}, []string{"key", "name"}, nil,
		func() func(key, s string, v *yaml.Node) {
			t := &Topic{}
			out = append(out, t)
			return func(key, s string, v *yaml.Node) {
				switch key {
				case "key":
					d.declaredName(v, "topic key", s, keys, nil)
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

// indexTopics lets TopicByKey find a topic without going through the
// vocabulary: every topic of every record is looked up.
func (s *Site) indexTopics() {
	s.topicIndex = make(map[string]*Topic, len(s.Topics))
	for _, t := range s.Topics {
		if _, dup := s.topicIndex[t.Key]; !dup {
			s.topicIndex[t.Key] = t
		}
	}
}

// checkTopic reports a record's topic that site.yaml's vocabulary does not
// declare, with the key it most likely means. A site without a vocabulary
// takes any topic written as a key.
func (d *decoder) checkTopic(site *Site, v *yaml.Node, t string) bool {
	if site.TopicByKey(t) != nil {
		return true
	}
	if m := topicMeant(site, t); m != nil {
		d.nodeErr(v, "unknown topic %q; did you mean %s (%s)? topics takes keys of site.yaml's topics: list", t, m.Key, m.Name)
	} else {
		d.nodeErr(v, "unknown topic %q: add it to site.yaml's topics: list (key, name), or use a key declared there", t)
	}
	return false
}

// topicMeant returns the declared topic an unknown key most likely means:
// one whose name folds to it, whose key is the unknown one with a word
// added or dropped at the end (accountability-to-affected-people for
// -populations), or misspelt by a few letters; nil when none stands out.
func topicMeant(site *Site, s string) *Topic {
	want := foldName(s)
	slug := strings.Join(strings.FieldsFunc(want, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') }), "-")
	for _, t := range site.Topics {
		if slug == t.Key || want == foldName(t.Name) {
			return t
		}
	}
	if len(slug) > maxFuzzyRunes {
		return nil // see maxFuzzyRunes; slug is ASCII
	}
	var best *Topic
	bestD := 1 << 30
	for _, t := range site.Topics {
		if len(t.Key) > maxFuzzyRunes {
			continue
		}
		dist := levenshtein(slug, t.Key)
		if dist <= max(2, len(t.Key)/3) && dist < bestD {
			best, bestD = t, dist
		}
	}
	if best != nil {
		return best
	}
	// The same words up to the last one: a plural, a synonym at the end.
	var stem []*Topic
	for _, t := range site.Topics {
		if i, j := strings.LastIndexByte(slug, '-'), strings.LastIndexByte(t.Key, '-'); i > 0 && j > 0 && slug[:i] == t.Key[:j] {
			stem = append(stem, t)
		}
	}
	if len(stem) == 1 {
		return stem[0]
	}
	return nil
}

// eventTopics decodes a record's topics: keys, each of the vocabulary when
// site.yaml declares one, every mistake reported at its own item.
func (d *decoder) eventTopics(site *Site, v *yaml.Node) []string {
	list, pos := d.strListPos("topics", v)
	var out []string
	for i, t := range list {
		at := &yaml.Node{Line: pos[i].Line - d.lineOff, Column: pos[i].Col}
		switch {
		case len(site.Topics) > 0:
			// A name for a key ("Labour migration") gets its key.
			if !d.checkTopic(site, at, t) {
				continue
			}
		case !keyRE.MatchString(t):
			d.nodeErr(at, "topic %q must be lowercase words joined by hyphens, e.g. labour-migration", t)
			continue
		}
		out = append(out, t)
	}
	return out
}
