// Package synth generates synthetic archives: deterministic content folders
// of any size for benchmarks and tests. Production code never imports it.
//
// Generate(n, seed) returns a content folder with the shipped site.yaml
// (four kinds, six regions), a home page intro, an about page and n events
// spread over every kind, the years 2011–2026 and every region. Events have
// valid front matter (title, date, sometimes end_date, location, format,
// region, summary, topics, organizers, documents, a few aliases); about one
// in twenty is a page bundle with a small PDF attachment, report.pdf, that
// its documents reference with file:. Bodies are 300 to 900 words with ##
// headings, lists, a table, external links and links to other events,
// sometimes fenced code (yaml, go), and paragraphs in French, Spanish and
// Arabic.
//
// The same (n, seed) always gives byte-identical files.
package synth

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

//go:embed site.yaml
var siteYAML []byte

// kinds are the folders of site.yaml's kinds, in its order.
var kinds = []string{"annual-consultations", "regional-consultations", "information-sessions", "humanitarian-consultations"}

var kindLabel = map[string]string{
	"annual-consultations":       "annual consultation",
	"regional-consultations":     "regional civil society consultation",
	"information-sessions":       "information sharing session",
	"humanitarian-consultations": "humanitarian consultation",
}

var regions = []string{"global", "africa", "americas", "asia-pacific", "europe-central-asia", "mena"}

var cities = map[string][]string{
	"global":              {"Geneva, Switzerland", "New York, United States", "Online"},
	"africa":              {"Nairobi, Kenya", "Bamako, Mali", "Dakar, Senegal", "Addis Ababa, Ethiopia", "Johannesburg, South Africa"},
	"americas":            {"Guatemala City, Guatemala", "Mexico City, Mexico", "Bogotá, Colombia", "Santiago, Chile", "Panama City, Panama"},
	"asia-pacific":        {"Bangkok, Thailand", "Nadi, Fiji", "Manila, Philippines", "Dhaka, Bangladesh", "Jakarta, Indonesia"},
	"europe-central-asia": {"Brussels, Belgium", "Vienna, Austria", "Almaty, Kazakhstan", "Berlin, Germany", "Ankara, Türkiye"},
	"mena":                {"Beirut, Lebanon", "Amman, Jordan", "Tunis, Tunisia", "Cairo, Egypt", "Rabat, Morocco"},
}

var topics = []string{
	"migration-and-development", "labour-migration", "climate-mobility", "migrant-rights", "diaspora",
	"return-and-reintegration", "trafficking", "smuggling", "gcm", "humanitarian-response",
	"displacement", "health", "data", "remittances", "integration", "children", "gender",
	"border-management", "resettlement", "statelessness",
}

var organizers = []string{"IOM", "ICVA", "MADE Network", "NGO Committee on Migration", "Migrant Forum in Asia",
	"PICUM", "Caritas Internationalis", "UNHCR", "Global Coalition on Migration", "Pan-African Network in Defence of Migrants' Rights"}

var titleWords = []string{"Migrants", "Development", "Partnership", "Dialogue", "Protection", "Labour", "Mobility",
	"Climate", "Rights", "Health", "Displacement", "Return", "Integration", "Diaspora", "Cooperation", "Crises",
	"Governance", "Resilience", "Inclusion", "Data", "Recovery", "Solidarity", "Compact", "Access"}

var words = strings.Fields(`migration migrants civil society organizations consultation dialogue partnership
IOM delegates session participants regional national local government policy practice protection rights
labour workers recruitment fair ethical return reintegration community communities diaspora remittances
climate environment displacement crisis humanitarian response coordination access services health
education children women youth families data evidence research report recommendations follow-up
implementation review compact global objectives commitments capacity training network networks
cooperation border management safe orderly regular pathways inclusion integration cities
municipalities employers trade unions faith-based grassroots platforms exchange knowledge
good practices lessons learned challenges priorities the of and to in for with on by a an
across between through during after before within under their its our this that these those
was were is are have has had will would could should may might discussed agreed noted stressed
welcomed proposed shared presented recalled highlighted called urged reaffirmed`)

var french = []string{
	"Réunion régionale sur la migration : les participants ont souligné l'importance d'une coopération étroite entre les États et la société civile.",
	"Les organisations de la diaspora ont présenté leurs expériences et ont demandé un meilleur accès aux services pour les migrants en situation irrégulière.",
	"La séance a été consacrée à la protection des travailleurs migrants, à la réintégration durable et aux effets du changement climatique sur la mobilité.",
	"Les délégués ont rappelé que la société civile doit être associée à la mise en œuvre et au suivi du Pacte mondial.",
}

var spanish = []string{
	"Migración laboral y desarrollo: las organizaciones de la sociedad civil pidieron vías de migración regular y una contratación ética.",
	"Los participantes compartieron buenas prácticas sobre la protección de niños, niñas y adolescentes migrantes en tránsito.",
	"La reunión subrayó el papel de las comunidades de acogida y de los gobiernos locales en la integración de las personas migrantes.",
	"Se acordó reforzar el diálogo entre la OIM y las redes regionales después de la consulta.",
}

var arabic = []string{
	"الهجرة والتنمية: ناقش المشاركون دور منظمات المجتمع المدني في حماية حقوق المهاجرين وتعزيز التعاون الإقليمي.",
	"أكد المشاركون على أهمية الوصول إلى الخدمات الصحية والتعليم للمهاجرين واللاجئين في المنطقة.",
	"دعت الشبكات الإقليمية إلى حوار منتظم مع المنظمة الدولية للهجرة بعد انتهاء المشاورات.",
}

var sections = []string{"Background", "Opening session", "Discussion", "Working groups", "Recommendations",
	"Follow-up", "Outcomes", "Participants", "Sources", "What is uncertain", "Context", "Next steps"}

var yamlBlock = "```yaml\n# Excerpt of the session's registration form\nsession: %d\nlanguages: [en, fr, es, ar]\nseats: %d\nonline: true\n```\n"

var goBlock = "```go\n// A toy count of registrations per region, shown during the data session.\nfunc count(regs []Registration) map[string]int {\n\tm := map[string]int{}\n\tfor _, r := range regs {\n\t\tm[r.Region] += %d\n\t}\n\treturn m\n}\n```\n"

// fakePDF is a tiny, well-formed-looking PDF used as a bundle attachment.
const fakePDF = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

type event struct {
	kind, region, slug string
	date, end          time.Time
	bundle             bool
	title              string
}

func (e *event) url() string  { return "/" + e.kind + "/" + e.slug + "/" }
func (e *event) file() string { return e.kind + "/" + e.slug + ".md" }

// Generate returns a content folder with n events, the same for the same
// (n, seed).
func Generate(n int, seed int64) fstest.MapFS {
	return GenerateWith(n, seed, Options{})
}

// Options add to a synthetic archive what Generate leaves out.
type Options struct {
	// Organizations is the number of organizations of the directory,
	// content/organizations/<key>.md; 0 for none, as Generate. Events
	// then name theirs by name, short name or alias, and IOM is the
	// first.
	Organizations int
	// Topics is the size of site.yaml's topic vocabulary; 0 for none, as
	// Generate, whose records use 20 topics without one.
	Topics int
}

// GenerateWith is Generate with a directory of organizations and a topic
// vocabulary of the sizes opts gives. Options{} gives Generate's archive.
func GenerateWith(n int, seed int64, opts Options) fstest.MapFS {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5eed5eed))
	site := siteYAML
	d := newDirectory(opts)
	if opts.Organizations > 0 || opts.Topics > 0 {
		site = append(append([]byte(nil), siteYAML...), d.siteYAML()...)
	}
	fsys := fstest.MapFS{
		"site.yaml": &fstest.MapFile{Data: site, Mode: 0o644},
		"_index.md": &fstest.MapFile{Data: []byte(home(n)), Mode: 0o644},
		"about.md":  &fstest.MapFile{Data: []byte(about), Mode: 0o644},
	}
	events := make([]*event, n)
	for i := range events {
		year := 2011 + (i*7+r.IntN(16))%16
		d := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		e := &event{
			kind:   kinds[i%len(kinds)],
			region: regions[(i/len(kinds)+r.IntN(2))%len(regions)],
			date:   d,
			bundle: r.IntN(20) == 0,
		}
		if r.IntN(3) == 0 {
			e.end = d.AddDate(0, 0, 1+r.IntN(3))
		}
		w1, w2 := titleWords[r.IntN(len(titleWords))], titleWords[r.IntN(len(titleWords))]
		e.title = fmt.Sprintf("%s and %s: consultation %d", w1, w2, i+1)
		e.slug = fmt.Sprintf("%d-%s-%s-%d", year, strings.ToLower(w1), strings.ToLower(w2), i+1)
		events[i] = e
	}
	for _, o := range d.orgs {
		fsys["organizations/"+o.key+".md"] = &fstest.MapFile{Data: o.file(), Mode: 0o644}
	}
	for i, e := range events {
		src := eventFile(r, i, e, events, d)
		if e.bundle {
			dir := e.kind + "/" + e.slug
			fsys[dir+"/index.md"] = &fstest.MapFile{Data: src, Mode: 0o644}
			fsys[dir+"/report.pdf"] = &fstest.MapFile{Data: []byte(fakePDF), Mode: 0o644}
		} else {
			fsys[e.file()] = &fstest.MapFile{Data: src, Mode: 0o644}
		}
	}
	return fsys
}

// WriteDir writes Generate(n, seed) into dir, which it creates if needed.
func WriteDir(dir string, n int, seed int64) error {
	return WriteDirWith(dir, n, seed, Options{})
}

// WriteDirWith writes GenerateWith(n, seed, opts) into dir, which it
// creates if needed.
func WriteDirWith(dir string, n int, seed int64, opts Options) error {
	return WriteFS(dir, GenerateWith(n, seed, opts))
}

// WriteFS writes fsys into dir, which it creates if needed.
func WriteFS(dir string, fsys fstest.MapFS) error {
	names := make([]string, 0, len(fsys))
	for name := range fsys {
		names = append(names, name)
	}
	slices.Sort(names)
	made := map[string]bool{}
	for _, name := range names {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, fsys[name].Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func home(n int) string {
	return fmt.Sprintf(`---
title: "Synthetic consultations archive"
summary: "A generated archive of %d consultation records, for benchmarks and tests."
---
This archive is **generated**: %d records spread over every kind of consultation, every
region and the years 2011 to 2026. None of it describes a real meeting.
`, n, n)
}

const about = `---
title: "About this synthetic archive"
summary: "What the generated records are for and how they are made."
weight: 1
menu: true
---
The records of this archive are generated from a seed, so that benchmarks and tests can build
archives of any size. Each has front matter like a real record and a body of a few hundred words.

## What a record holds

- A title, a date, a place and a region
- A summary, topics and organizers
- Sometimes documents: links, or a PDF in a page bundle
`

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func sentence(r *rand.Rand) string {
	n := 8 + r.IntN(13)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(r, words)
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// paragraph writes 3 to 6 sentences.
func paragraph(b *strings.Builder, r *rand.Rand) {
	for i := range 3 + r.IntN(4) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentence(r))
	}
	b.WriteString("\n\n")
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func eventFile(r *rand.Rand, i int, e *event, all []*event, d *directory) []byte {
	var b strings.Builder
	b.Grow(8 << 10)
	loc := pick(r, cities[e.region])
	format := pick(r, []string{"in-person", "in-person", "hybrid", "online"})
	if loc == "Online" {
		format = "online"
	} else if format == "online" {
		loc = "Online"
	}
	summary := fmt.Sprintf("A synthetic %s held in %s on %s, on %s; one of %d generated records.",
		kindLabel[e.kind], loc, e.date.Format("2 January 2006"), strings.ToLower(e.title), len(all))
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", quote(e.title))
	fmt.Fprintf(&b, "date: %s\n", e.date.Format("2006-01-02"))
	if !e.end.IsZero() {
		fmt.Fprintf(&b, "end_date: %s\n", e.end.Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "location: %s\n", quote(loc))
	fmt.Fprintf(&b, "format: %s\n", format)
	fmt.Fprintf(&b, "region: %s\n", e.region)
	fmt.Fprintf(&b, "summary: %s\n", quote(summary))
	ts := map[string]bool{}
	var tl []string
	for range 1 + r.IntN(3) {
		if t := pick(r, d.topics); !ts[t] {
			ts[t] = true
			tl = append(tl, t)
		}
	}
	fmt.Fprintf(&b, "topics: [%s]\n", strings.Join(tl, ", "))
	orgs := []string{"IOM"}
	chosen := []int{-1} // IOM
	for range r.IntN(3) {
		// Each organization once: with a directory, two spellings of one
		// are an error.
		k, o := d.organizer(r)
		if d.orgs == nil && o != orgs[len(orgs)-1] || d.orgs != nil && !slices.Contains(chosen, k) {
			orgs = append(orgs, o)
			chosen = append(chosen, k)
		}
	}
	for j, o := range orgs {
		orgs[j] = quote(o)
	}
	fmt.Fprintf(&b, "organizers: [%s]\n", strings.Join(orgs, ", "))
	nd := r.IntN(3)
	if nd > 0 || e.bundle {
		b.WriteString("documents:\n")
		if e.bundle {
			b.WriteString("  - title: \"Final report\"\n    file: report.pdf\n    lang: en\n")
		}
		for j := range nd {
			fmt.Fprintf(&b, "  - title: \"Background note %d\"\n    url: https://example.org/consultations/%d/note-%d.pdf\n    lang: %s\n",
				j+1, i+1, j+1, pick(r, []string{"en", "fr", "es", "ar"}))
		}
	}
	if r.IntN(30) == 0 {
		fmt.Fprintf(&b, "aliases: [/old/consultation-%d/]\n", i+1)
	}
	b.WriteString("---\n")

	// Sections are added until the body holds target words; the last one
	// adds at most about 120, so bodies stay within 300 to 900 words.
	target := 300 + r.IntN(480)
	start := b.Len()
	fmt.Fprintf(&b, "%s held this consultation in %s. ", pick(r, organizers[:3]), loc)
	paragraph(&b, r)
	words := len(strings.Fields(b.String()[start:]))
	code := r.IntN(5) == 0
	for s := 0; s < 3 || words < target; s++ {
		from := b.Len()
		fmt.Fprintf(&b, "## %s\n\n", sections[(i+s)%len(sections)])
		switch s % 6 {
		case 0:
			paragraph(&b, r)
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&b, "- %s\n", sentence(r))
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Session | Language | Participants |\n|:--|:--:|--:|\n")
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&b, "| %s | %s | %d |\n", pick(r, sections), pick(r, []string{"English", "Français", "Español", "العربية"}), 10+r.IntN(200))
			}
			b.WriteString("\n")
			paragraph(&b, r)
		case 2:
			o := all[r.IntN(len(all))]
			fmt.Fprintf(&b, "This meeting followed [%s](%s) and drew on [the IOM page on civil society](https://www.iom.int/civil-society). ", o.title, o.url())
			paragraph(&b, r)
			b.WriteString(pick(r, french) + "\n\n")
			b.WriteString(pick(r, spanish) + "\n\n")
			b.WriteString(pick(r, arabic) + "\n\n")
		case 3:
			paragraph(&b, r)
			if code {
				if r.IntN(2) == 0 {
					fmt.Fprintf(&b, yamlBlock, i+1, 20+r.IntN(300))
				} else {
					fmt.Fprintf(&b, goBlock, 1+r.IntN(3))
				}
				b.WriteString("\n")
			}
		case 4:
			for k := range 2 + r.IntN(3) {
				fmt.Fprintf(&b, "%d. **%s.** %s\n", k+1, pick(r, titleWords), sentence(r))
			}
			b.WriteString("\n")
			paragraph(&b, r)
		case 5:
			o := all[r.IntN(len(all))]
			paragraph(&b, r)
			fmt.Fprintf(&b, "- [%s](%s)\n- [Summary of the discussions](https://example.org/consultations/%d/)\n\n", o.title, o.url(), i+1)
		}
		words += len(strings.Fields(b.String()[from:]))
	}
	return []byte(b.String())
}
