package content

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// dirSite declares organization types and a topic vocabulary.
const dirSite = siteYAML + `organization_types:
  - {key: iom, name: IOM}
  - {key: network, name: "Civil society networks"}
  - {key: ngo, name: NGOs}
topics:
  - {key: labour-migration, name: "Labour migration"}
  - {key: accountability-to-affected-people, name: "Accountability to affected people"}
  - {key: human-rights, name: "Human rights"}
`

const (
	orgIOM  = "---\nname: International Organization for Migration\nshort_name: IOM\ntype: iom\nsummary: The UN migration agency.\nurl: https://www.iom.int/\n---\nBody.\n"
	orgICVA = "---\nname: International Council of Voluntary Agencies\nshort_name: ICVA\naliases: [\"ICVA network\"]\ntype: network\nregion: global\nsummary: A network of NGOs.\n---\n"
	orgMFA  = "---\nname: Migrant Forum in Asia\nshort_name: MFA\ntype: network\nregion: africa\nsummary: A regional network.\n---\n"
)

func loadDir(t *testing.T, files map[string]string) (*Archive, List) {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(dirSite)}}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(context.Background(), fsys, Options{})
}

func withOrganizers(list string) string {
	return strings.Replace(good, "summary: S.", "summary: S.\norganizers: "+list, 1)
}

// TestDirectoryBadInput: each mistake in the directory, in a record's
// organizers or topics, or in site.yaml's declarations gives exactly one
// message, at its position.
func TestDirectoryBadInput(t *testing.T) {
	const ev = "annual-consultations/2013-x.md"
	tests := []struct {
		name  string
		site  string // replaces dirSite when set
		files map[string]string
		want  string
	}{
		{"unknown topic, near a key", "", map[string]string{ev: strings.Replace(good, "summary: S.", "summary: S.\ntopics: [human-rights, accountability-to-affected-populations]", 1)},
			`content/annual-consultations/2013-x.md:7:24: unknown topic "accountability-to-affected-populations"; did you mean accountability-to-affected-people (Accountability to affected people)? topics takes keys of site.yaml's topics: list`},
		{"unknown topic, its name", "", map[string]string{ev: strings.Replace(good, "summary: S.", "summary: S.\ntopics:\n  - Labour Migration", 1)},
			`content/annual-consultations/2013-x.md:8:5: unknown topic "Labour Migration"; did you mean labour-migration (Labour migration)? topics takes keys of site.yaml's topics: list`},
		{"unknown topic, nothing near", "", map[string]string{ev: strings.Replace(good, "summary: S.", "summary: S.\ntopics: [climate]", 1)},
			`content/annual-consultations/2013-x.md:7:10: unknown topic "climate": add it to site.yaml's topics: list (key, name), or use a key declared there`},
		{"ambiguous organizer", "", map[string]string{
			ev:                       withOrganizers(`[IOM, "CCF"]`),
			"organizations/iom.md":   orgIOM,
			"organizations/ccf.md":   "---\nname: Citizens' Constitutional Forum\nshort_name: CCF\ntype: ngo\nsummary: S.\n---\n",
			"organizations/ccf-2.md": "---\nname: Christian Children's Fund\naliases: [ccf]\ntype: ngo\nsummary: S.\n---\n"},
			`content/annual-consultations/2013-x.md:7:19: organizer "CCF" matches 2 organizations of the directory: ccf-2 (Christian Children's Fund), ccf (Citizens' Constitutional Forum); write the key of the one meant, and give each spelling to one organization only`},
		{"organizer listed twice", "", map[string]string{
			ev:                     withOrganizers("\n  - IOM\n  - international organization for migration"),
			"organizations/iom.md": orgIOM},
			`content/annual-consultations/2013-x.md:9:5: organizer "international organization for migration" names iom (International Organization for Migration) again, as "IOM" does on line 8: list each organization once`},
		{"unknown organizer, misspelt", "", map[string]string{
			ev:                     withOrganizers(`["Internatonal Organisation for Migration"]`),
			"organizations/iom.md": orgIOM},
			`content/annual-consultations/2013-x.md:7:14: warning: organizer "Internatonal Organisation for Migration" is not in the directory of organizations (content/organizations/), so it is shown as plain text; did you mean iom (International Organization for Migration)? Write its key, or add "Internatonal Organisation for Migration" to the aliases of content/organizations/iom.md`},
		{"unknown organizer, a short name among its words", "", map[string]string{
			ev:                      withOrganizers(`["ICVA / NGO partners"]`),
			"organizations/icva.md": orgICVA},
			`content/annual-consultations/2013-x.md:7:14: warning: organizer "ICVA / NGO partners" is not in the directory of organizations (content/organizations/), so it is shown as plain text; did you mean icva (International Council of Voluntary Agencies)? Write its key, or add "ICVA / NGO partners" to the aliases of content/organizations/icva.md`},
		{"unknown organizer, part of a name", "", map[string]string{
			ev:                     withOrganizers(`["Migrant Forum"]`),
			"organizations/mfa.md": orgMFA},
			`content/annual-consultations/2013-x.md:7:14: warning: organizer "Migrant Forum" is not in the directory of organizations (content/organizations/), so it is shown as plain text; did you mean mfa (Migrant Forum in Asia)? Write its key, or add "Migrant Forum" to the aliases of content/organizations/mfa.md`},
		{"unknown organizer, nothing near", "", map[string]string{
			ev:                     withOrganizers(`[PICUM]`),
			"organizations/iom.md": orgIOM},
			`content/annual-consultations/2013-x.md:7:14: warning: organizer "PICUM" is not in the directory of organizations (content/organizations/), so it is shown as plain text: write the key, name, short name or an alias of an organization there, or add content/organizations/<key>.md for it`},
		{"organization with unknown type", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: networks\nsummary: S.\n---\n"},
			`content/organizations/x.md:3:7: unknown organization type "networks"; did you mean network (Civil society networks)? type takes a key of site.yaml's organization_types: iom, network, ngo`},
		{"organization with a type like none", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: foundation\nsummary: S.\n---\n"},
			`content/organizations/x.md:3:7: unknown organization type "foundation"; site.yaml's organization_types declares: iom, network, ngo`},
		{"organization type without organization_types", siteYAML, map[string]string{"organizations/x.md": "---\nname: X\ntype: ngo\nsummary: S.\n---\n"},
			`content/organizations/x.md:3:7: unknown organization type "ngo"; site.yaml declares no organization_types: add the list (key, name) there`},
		{"organization with unknown region", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: ngo\nregion: Afrika\nsummary: S.\n---\n"},
			`content/organizations/x.md:4:9: unknown region "Afrika"; did you mean africa (Africa)? region takes a key from site.yaml: global, africa`},
		{"organization with a region like none", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: ngo\nregion: oceania\nsummary: S.\n---\n"},
			`content/organizations/x.md:4:9: unknown region "oceania"; site.yaml declares: global, africa`},
		{"organization key not a slug", "", map[string]string{"organizations/Migrant_Forum.md": "---\nname: X\ntype: ngo\nsummary: S.\n---\n"},
			`content/organizations/Migrant_Forum.md: organization key "Migrant_Forum" (the file name) must be lowercase ASCII letters, digits and hyphens: rename the file (the key becomes the address /organizations/<key>/)`},
		{"organization key page", "", map[string]string{"organizations/page.md": "---\nname: X\ntype: ngo\nsummary: S.\n---\n"},
			`content/organizations/page.md: organization key "page" (the file name) is the folder of the directory's further pages (/organizations/page/2/ and on): rename the file`},
		{"organization without name", "", map[string]string{"organizations/x.md": "---\nshort_name: X\ntype: ngo\nsummary: S.\n---\n"},
			`content/organizations/x.md:2:1: required key "name" is missing`},
		{"organization with bad url", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: ngo\nsummary: S.\nurl: www.x.org\n---\n"},
			`content/organizations/x.md:5:6: url: "www.x.org" is not the full address of a website: write it with https://, e.g. https://www.icvanetwork.org/`},
		{"organization with a key of its own", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: ngo\nsummary: S.\nfounded: 1951\n---\n"},
			`content/organizations/x.md:5:1: unknown key "founded"; known keys: aliases, name, region, short_name, summary, type, url`},
		{"organization with a misspelt key", "", map[string]string{"organizations/x.md": "---\nname: X\ntype: ngo\nsummary: S.\nshortname: Y\n---\n"},
			`content/organizations/x.md:5:1: unknown key "shortname"; did you mean "short_name"?`},
		{"folder in the directory", "", map[string]string{"organizations/iom/index.md": orgIOM},
			`content/organizations/iom: organizations/ holds one file per organization, <key>.md, and no folders: move what this folder holds out of content/organizations/`},
		{"other file in the directory", "", map[string]string{"organizations/logo.png": "x"},
			`content/organizations/logo.png: organizations/ holds one file per organization, <key>.md, and nothing else`},
		{"organizations as a kind folder", strings.Replace(siteYAML, "folder: annual-consultations", "folder: organizations", 1), nil,
			`content/site.yaml:4:40: kind folder "organizations" is already used by the site`},
		{"topic key not a slug", dirSite + "  - {key: Network, name: X}\n", nil,
			`content/site.yaml:16:11: topic key "Network" must be lowercase letters, digits and hyphens`},
		{"organization type declared twice", strings.Replace(dirSite, "{key: ngo, name: NGOs}", "{key: iom, name: NGOs}", 1), nil,
			`content/site.yaml:11:11: organization type key "iom" is declared twice`},
		{"topic without name", dirSite + "  - {key: climate}\n", nil,
			`content/site.yaml:16:5: topic: required key "name" is missing`},
		{"empty topics", siteYAML + "topics: []\n", nil,
			`content/site.yaml:8:9: topics: the list is empty: declare the topics records may use (key, name), or delete the key to accept any topic`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := dirSite
			if tt.site != "" {
				site = tt.site
			}
			fsys := fstest.MapFS{"site.yaml": {Data: []byte(site)}}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			_, errs := Load(context.Background(), fsys, Options{})
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("got %d problems:\n%v\nwant:\n%s", len(errs), errs, tt.want)
			}
		})
	}
}

// TestOrganizersResolve: an entry names an organization by key, name,
// short name or alias, whatever its case, accents and quotes; the model
// keeps the entries in order, with the organization or as plain text,
// and each organization knows its events.
func TestOrganizersResolve(t *testing.T) {
	a, errs := loadDir(t, map[string]string{
		"annual-consultations/2013-a.md": withOrganizers(`[iom, "icva network", "Unknown Partner"]`),
		"annual-consultations/2014-b.md": strings.Replace(withOrganizers(`["INTERNATIONAL COUNCIL OF VOLUNTARY AGENCIES", "Migrant Forum in Asia"]`), "2013-09-12", "2014-01-01", 1),
		"annual-consultations/2015-c.md": strings.Replace(withOrganizers(`["MIGRANT FÓRUM IN ASIA"]`), "2013-09-12", "2015-01-01", 1),
		"organizations/iom.md":           orgIOM,
		"organizations/icva.md":          orgICVA,
		"organizations/mfa.md":           orgMFA,
	})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `2013-a.md:7:35: warning: organizer "Unknown Partner"`) {
		t.Errorf("want one warning, on Unknown Partner: %v", errs)
	}
	var keys []string
	for _, o := range a.Organizations {
		keys = append(keys, o.Key)
	}
	// By type in site.yaml's order (iom, network), then by name.
	if diff := cmp.Diff([]string{"iom", "icva", "mfa"}, keys); diff != "" {
		t.Errorf("directory order (-want +got):\n%s", diff)
	}
	got := map[string][]string{}
	for _, e := range a.Events {
		for _, r := range e.ResolvedOrganizers {
			k := "-"
			if r.Org != nil {
				k = r.Org.Key
			}
			got[e.Slug] = append(got[e.Slug], r.Text+"="+k)
		}
	}
	want := map[string][]string{
		"2013-a": {"iom=iom", "icva network=icva", "Unknown Partner=-"},
		"2014-b": {"INTERNATIONAL COUNCIL OF VOLUNTARY AGENCIES=icva", "Migrant Forum in Asia=mfa"},
		"2015-c": {"MIGRANT FÓRUM IN ASIA=mfa"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resolved organizers (-want +got):\n%s", diff)
	}
	icva := a.OrganizationByKey("icva")
	if icva == nil || len(icva.Events) != 2 || icva.Events[0].Slug != "2013-a" || icva.Events[1].Slug != "2014-b" {
		t.Errorf("icva's events: %v", icva)
	}
	if o := a.Organization("Icva Network"); o != icva {
		t.Errorf("Organization(Icva Network) = %v", o)
	}
	if diff := cmp.Diff([]string{"International Council of Voluntary Agencies", "ICVA", "ICVA network"}, icva.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
	if icva.Type.Name != "Civil society networks" || icva.Region.Key != "global" || a.OrganizationByKey("iom").URL != "https://www.iom.int/" {
		t.Errorf("icva: %+v", icva)
	}
}

// TestOrganizerKeyWins: an entry that is exactly an organization's key
// names it, even where another organization has that spelling as an alias:
// a record can always tell the two apart.
func TestOrganizerKeyWins(t *testing.T) {
	a, errs := loadDir(t, map[string]string{
		"annual-consultations/2013-a.md": withOrganizers(`[made]`),
		"organizations/made.md":          "---\nname: MADE network\ntype: network\nsummary: S.\n---\n",
		"organizations/made-africa.md":   "---\nname: MADE Africa\naliases: [MADE]\ntype: network\nsummary: S.\n---\n",
	})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if o := a.Events[0].ResolvedOrganizers[0].Org; o == nil || o.Key != "made" {
		t.Errorf("made resolved to %v", o)
	}
}

// TestNoDirectory: without content/organizations/, organizers are plain
// text and no warning, as they were before the directory existed; a site
// without topics: takes any topic written as a key.
func TestNoDirectory(t *testing.T) {
	a, errs := load(t, map[string]string{
		"annual-consultations/2013-a.md": strings.Replace(withOrganizers(`[IOM, Someone]`), "summary: S.", "summary: S.\ntopics: [anything-at-all]", 1),
	})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	e := a.Events[0]
	if len(e.ResolvedOrganizers) != 2 || e.ResolvedOrganizers[0] != (Organizer{Text: "IOM", Pos: Position{8, 14}}) || e.ResolvedOrganizers[1].Org != nil {
		t.Errorf("resolved organizers: %+v", e.ResolvedOrganizers)
	}
	if len(a.Organizations) != 0 || a.Organization("IOM") != nil || a.OrganizationByKey("iom") != nil {
		t.Errorf("organizations: %v", a.Organizations)
	}
	if len(e.Topics) != 1 || e.Topics[0] != "anything-at-all" {
		t.Errorf("topics: %v", e.Topics)
	}
}

// TestLocationUnknown: "location: unknown" (any case) marks the event and
// leaves no text to show as a place; it is no problem at all.
func TestLocationUnknown(t *testing.T) {
	a, errs := load(t, map[string]string{
		"annual-consultations/2013-a.md": strings.Replace(good, "location: Geneva", "location: Unknown", 1),
		"annual-consultations/2013-b.md": good,
	})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if e := a.Events[0]; !e.LocationUnknown || e.Location != "" {
		t.Errorf("2013-a: LocationUnknown %v, Location %q", e.LocationUnknown, e.Location)
	}
	if e := a.Events[1]; e.LocationUnknown || e.Location != "Geneva" {
		t.Errorf("2013-b: LocationUnknown %v, Location %q", e.LocationUnknown, e.Location)
	}
}

// TestTopicsVocabulary: site.yaml's topics keep their order, names and
// descriptions, and records' keys of the vocabulary are taken.
func TestTopicsVocabulary(t *testing.T) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(dirSite + "  - {key: climate, name: Climate, description: \"Climate and migration.\"}\n")},
		"annual-consultations/2013-a.md": {Data: []byte(strings.Replace(good, "summary: S.", "summary: S.\ntopics: [climate, human-rights]", 1))}}
	a, errs := Load(context.Background(), fsys, Options{})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var keys []string
	for _, tp := range a.Site.Topics {
		keys = append(keys, tp.Key)
	}
	if diff := cmp.Diff([]string{"labour-migration", "accountability-to-affected-people", "human-rights", "climate"}, keys); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if tp := a.Site.TopicByKey("climate"); tp == nil || tp.Name != "Climate" || tp.Description != "Climate and migration." {
		t.Errorf("climate: %+v", tp)
	}
	if diff := cmp.Diff([]string{"climate", "human-rights"}, a.Events[0].Topics); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestOrganizationsWithCache: the preview's cache hands out events whose
// organizers are resolved afresh on every load, so an organization added
// or renamed since is picked up and its events are not counted twice.
func TestOrganizationsWithCache(t *testing.T) {
	c := NewCache()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(dirSite)},
		"annual-consultations/2013-a.md": {Data: []byte(withOrganizers("[ICVA]"))},
		"organizations/iom.md":           {Data: []byte(orgIOM)}}
	_, errs := Load(context.Background(), fsys, Options{Cache: c})
	if len(errs) != 1 || errs[0].Severity != SeverityWarning {
		t.Fatalf("first load: %v", errs)
	}
	fsys["organizations/icva.md"] = &fstest.MapFile{Data: []byte(orgICVA)}
	for range 2 {
		a, errs := Load(context.Background(), fsys, Options{Cache: c})
		if len(errs) != 0 {
			t.Fatal(errs)
		}
		if o := a.Events[0].ResolvedOrganizers[0].Org; o == nil || o.Key != "icva" || len(o.Events) != 1 {
			t.Errorf("ICVA resolved to %+v", o)
		}
	}
}

// TestDirectoryLimits: site.yaml declares at most MaxTopics topics and
// MaxOrganizationTypes organization types, and an organization has at
// most MaxOrganizationAliases aliases; the first one past a limit is the
// error.
func TestDirectoryLimits(t *testing.T) {
	list := func(key string, n int) string {
		var b strings.Builder
		b.WriteString(key + ":\n")
		for i := range n {
			fmt.Fprintf(&b, "  - {key: t%d, name: T%d}\n", i, i)
		}
		return b.String()
	}
	if _, errs := ParseSite("content/site.yaml", []byte(siteYAML+list("topics", MaxTopics)+list("organization_types", MaxOrganizationTypes))); len(errs) != 0 {
		t.Fatalf("at the limits: %v", errs)
	}
	_, errs := ParseSite("content/site.yaml", []byte(siteYAML+list("topics", MaxTopics+1)))
	if want := "content/site.yaml:1009:5: topics: this is topic number 1001; a site declares at most 1000 topics (see docs/content-limits.md)"; problems(errs) != want {
		t.Errorf("%d topics:\n%s\nwant:\n%s", MaxTopics+1, problems(errs), want)
	}
	_, errs = ParseSite("content/site.yaml", []byte(siteYAML+list("organization_types", MaxOrganizationTypes+1)))
	if want := "content/site.yaml:59:5: organization_types: this is organization type number 51; a site declares at most 50 organization_types (see docs/content-limits.md)"; problems(errs) != want {
		t.Errorf("%d organization types:\n%s\nwant:\n%s", MaxOrganizationTypes+1, problems(errs), want)
	}
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("---\nname: X\ntype: ngo\nsummary: S.\naliases:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - X%d\n", i)
		}
		return b.String() + "---\n"
	}
	if _, errs := loadDir(t, map[string]string{"organizations/x.md": aliases(MaxOrganizationAliases)}); len(errs) != 0 {
		t.Fatalf("%d aliases: %v", MaxOrganizationAliases, errs)
	}
	_, errs = loadDir(t, map[string]string{"organizations/x.md": aliases(MaxOrganizationAliases + 1)})
	if want := "content/organizations/x.md:56:5: aliases: this is alias number 51; an organization has at most 50 (see docs/content-limits.md)"; problems(errs) != want {
		t.Errorf("%d aliases:\n%s\nwant:\n%s", MaxOrganizationAliases+1, problems(errs), want)
	}
}

// TestOrganizerHintsBounded: the first MaxOrganizerHints different
// unknown spellings get a "did you mean"; the next ones are still
// warned about, without one; a spelling seen before keeps its hint.
func TestOrganizerHintsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range MaxOrganizerHints + 1 {
		fmt.Fprintf(&b, "IOM%d, ", i)
	}
	b.WriteString("IOM0]")
	_, errs := loadDir(t, map[string]string{
		"annual-consultations/2013-a.md": withOrganizers(b.String()),
		"organizations/iom.md":           orgIOM,
	})
	if len(errs) != MaxOrganizerHints+2 {
		t.Fatalf("%d problems, want %d", len(errs), MaxOrganizerHints+2)
	}
	hinted := 0
	for _, e := range errs {
		if strings.Contains(e.Msg, "did you mean iom (") {
			hinted++
		}
	}
	if hinted != MaxOrganizerHints+1 || strings.Contains(errs[MaxOrganizerHints].Msg, "did you mean") {
		t.Errorf("%d hints; the %dth: %s", hinted, MaxOrganizerHints+1, errs[MaxOrganizerHints])
	}
}
