package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// directory is what Options add: the organizations and the topic
// vocabulary, or Generate's organizer names and topics.
type directory struct {
	orgs   []*org
	topics []string   // the keys records choose from
	vocab  bool       // site.yaml declares topics
	names  [][]string // per organization after IOM, the spellings records use
}

type org struct {
	key, name, short, typ, region string
	aliases                       []string
}

var orgTypes = []string{"iom", "un", "network", "ngo", "foundation", "academic"}

var orgTypeNames = map[string]string{"iom": "IOM", "un": "UN system", "network": "Civil society networks",
	"ngo": "Civil society organizations", "foundation": "Foundations", "academic": "Academia"}

var orgWords = []string{"Migrant", "Diaspora", "Refugee", "Workers", "Rights", "Solidarity", "Mobility", "Youth",
	"Women", "Faith", "Labour", "Development", "Health", "Climate", "Legal", "Community"}

func newDirectory(opts Options) *directory {
	d := &directory{topics: topics}
	for _, o := range organizers[1:] {
		d.names = append(d.names, []string{o})
	}
	if opts.Organizations > 0 {
		d.names = nil
		d.orgs = append(d.orgs, &org{key: "iom", name: "International Organization for Migration", short: "IOM", typ: "iom", region: "global"})
		for i := 1; i < opts.Organizations; i++ {
			w1, w2 := orgWords[i%len(orgWords)], orgWords[(i/len(orgWords))%len(orgWords)]
			o := &org{
				key:    fmt.Sprintf("%s-%s-network-%d", strings.ToLower(w1), strings.ToLower(w2), i),
				name:   fmt.Sprintf("%s and %s Network %d", w1, w2, i),
				short:  fmt.Sprintf("%c%cN%d", w1[0], w2[0], i),
				typ:    orgTypes[1+i%(len(orgTypes)-1)],
				region: regions[i%len(regions)],
			}
			if i%3 == 0 {
				o.aliases = []string{fmt.Sprintf("%s & %s Network %d", w1, w2, i), fmt.Sprintf("%s-%s Net %d", w1, w2, i)}
			}
			d.orgs = append(d.orgs, o)
			d.names = append(d.names, append([]string{o.name, o.short}, o.aliases...))
		}
	}
	if opts.Topics > 0 {
		d.vocab = true
		d.topics = make([]string, opts.Topics)
		for i := range d.topics {
			d.topics[i] = topics[i%len(topics)]
			if i >= len(topics) {
				d.topics[i] += fmt.Sprintf("-%d", i/len(topics)+1)
			}
		}
	}
	return d
}

// organizer is an organizer entry other than IOM, spelt one of the ways
// records spell it, and the number of the organization it names.
func (d *directory) organizer(r *rand.Rand) (int, string) {
	k := r.IntN(len(d.names))
	names := d.names[k]
	if len(names) == 1 {
		return k, names[0] // Generate's: no draw, so that its archive stays as it was
	}
	return k, names[r.IntN(len(names))]
}

// siteYAML is what site.yaml gains: the organization types and the topic
// vocabulary.
func (d *directory) siteYAML() string {
	var b strings.Builder
	if len(d.orgs) > 0 {
		b.WriteString("\norganization_types:\n")
		for _, t := range orgTypes {
			fmt.Fprintf(&b, "  - key: %s\n    name: %s\n", t, quote(orgTypeNames[t]))
		}
	}
	if d.vocab {
		b.WriteString("\ntopics:\n")
		for _, t := range d.topics {
			name := strings.ReplaceAll(t, "-", " ")
			fmt.Fprintf(&b, "  - key: %s\n    name: %s\n", t, quote(strings.ToUpper(name[:1])+name[1:]))
		}
	}
	return b.String()
}

func (o *org) file() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "name: %s\nshort_name: %s\n", quote(o.name), quote(o.short))
	if len(o.aliases) > 0 {
		qs := make([]string, len(o.aliases))
		for i, a := range o.aliases {
			qs[i] = quote(a)
		}
		fmt.Fprintf(&b, "aliases: [%s]\n", strings.Join(qs, ", "))
	}
	fmt.Fprintf(&b, "url: https://example.org/%s/\ntype: %s\nregion: %s\n", o.key, o.typ, o.region)
	fmt.Fprintf(&b, "summary: %s\n", quote("A synthetic organization, "+o.name+", for benchmarks and tests."))
	b.WriteString("---\n")
	fmt.Fprintf(&b, "%s is generated. Its [own site](https://example.org/%s/) is an example address.\n", o.name, o.key)
	return []byte(b.String())
}
