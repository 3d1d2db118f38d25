package generator_test

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/internal/synth"
	"github.com/iom-cso/archive/themes"
)

// defaultThemeCopy is the default theme in memory, to be edited.
func defaultThemeCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	if err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		theme[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return theme
}

// The lists as layouts wrote them before YearGroup.Items: each item
// rendered where it is listed. A theme written so must keep working.
var rangedLists = map[string]string{
	"layouts/partials/event-list.html": `{{- range .}}
<section class="year-group" aria-labelledby="y-{{.Year}}">
<h2 id="y-{{.Year}}" class="year-heading">{{if .Continued}}{{T "list_year_continued" .Year}}{{else}}{{.Year}}{{end}}</h2>
<ul class="event-list">
{{- range .Events}}
{{template "event-item" .}}
{{- end}}
</ul>
</section>
{{- end}}
`,
}

// TestListItemsAsRanged: the lists a build writes from the items it
// renders once per event (YearGroup.Items) are byte for byte those a
// layout writes by rendering each item where it lists it; and a theme
// without the topics' item partial, whose layout lists .Events itself,
// still lists every event. (The default theme's organization pages list
// their consultations with the event-list partial, as the indexes do.)
func TestListItemsAsRanged(t *testing.T) {
	fsys := synth.GenerateWith(60, 3, synth.Options{Organizations: 6, Topics: 12})
	synth.Translate(fsys, []string{"fr"}, 3)
	cfg := generator.Config{Content: fsys, Today: perfToday, PageSize: 7}
	want, _, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	theme := defaultThemeCopy(t)
	for name, src := range rangedLists {
		theme[name] = &fstest.MapFile{Data: []byte(src)}
	}
	// The topic's layout with its items inline, and no partial for them.
	for _, c := range []struct{ layout, partial string }{
		{"layouts/topic.html", "layouts/partials/topic-event-item.html"},
	} {
		item := string(theme[c.partial].Data)
		item = item[strings.Index(item, "\n")+1 : strings.LastIndex(item, "\n{{- /*")]
		layout := string(theme[c.layout].Data)
		if !strings.Contains(layout, "{{- .Items}}") {
			t.Fatalf("%s no longer writes .Items: update this test", c.layout)
		}
		theme[c.layout] = &fstest.MapFile{Data: []byte(strings.Replace(layout, "{{- .Items}}", "{{- range .Events}}\n"+item+"\n{{- end}}", 1))}
		delete(theme, c.partial)
	}
	cfg.Theme = theme
	got, _, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for p, data := range want {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		if string(got[p]) != string(data) {
			t.Errorf("%s differs when each item is rendered where it is listed", p)
		}
		checked++
	}
	for _, p := range []string{"organizations/iom/page/2/index.html", "fr/topics/gcm/index.html", "years/2015/index.html", "fr/regional-consultations/index.html"} {
		if !strings.Contains(string(want[p]), `<li class="event-item">`) {
			t.Errorf("%s lists no event: the comparison above proves little", p)
		}
	}
	if checked < 100 {
		t.Errorf("only %d pages compared", checked)
	}
}

// TestListItemErrorNotCached: an item partial that fails makes the build
// fail with the partial's name, and the page it was for is not kept in
// the Cache as if it had been made: the next build fails the same way.
func TestListItemErrorNotCached(t *testing.T) {
	fsys := synth.GenerateWith(30, 3, synth.Options{Organizations: 4, Topics: 6})
	theme := defaultThemeCopy(t)
	theme["layouts/partials/topic-event-item.html"] = &fstest.MapFile{Data: []byte(`<li>{{index .Title 1000}}</li>`)}
	cfg := generator.Config{Content: fsys, Theme: theme, Today: perfToday, Cache: generator.NewCache()}
	for i := range 2 {
		_, _, err := generator.Build(context.Background(), cfg)
		if err == nil || !strings.Contains(err.Error(), "partial topic-event-item") || !strings.Contains(err.Error(), "index out of range") {
			t.Fatalf("build %d: %v", i+1, err)
		}
	}
}

// TestOrganizationItemPartial: a theme with an organization-event-item
// partial has an organization's consultations listed by it, as the
// default theme had them until it listed them as the indexes do; the
// indexes keep theirs.
func TestOrganizationItemPartial(t *testing.T) {
	fsys := synth.GenerateWith(30, 3, synth.Options{Organizations: 4, Topics: 6})
	theme := defaultThemeCopy(t)
	theme["layouts/partials/organization-event-item.html"] = &fstest.MapFile{Data: []byte(`<li class="org-event">{{.Title}}</li>`)}
	files, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Theme: theme, Today: perfToday})
	if err != nil {
		t.Fatal(err)
	}
	if org := string(files["organizations/iom/index.html"]); !strings.Contains(org, `<li class="org-event">`) || strings.Contains(org, `<li class="event-item">`) {
		t.Error("the organization's page does not list its consultations with the theme's organization-event-item")
	}
	if kind := string(files["annual-consultations/index.html"]); strings.Contains(kind, `<li class="org-event">`) || !strings.Contains(kind, `<li class="event-item">`) {
		t.Error("an index lists its events with organization-event-item")
	}
}

// TestSiteFooter: the footer is the theme's site-footer partial, made
// from the SiteView once per language and written on every page, the
// 404 page included, and the navigation the site-nav partial, made once
// per current item; a partial that fails fails the build with its name.
func TestSiteFooter(t *testing.T) {
	fsys := synth.GenerateWith(20, 3, synth.Options{Organizations: 3, Topics: 4})
	synth.Translate(fsys, []string{"fr"}, 3)
	theme := defaultThemeCopy(t)
	theme["layouts/partials/site-footer.html"] = &fstest.MapFile{Data: []byte(`<footer>{{.Lang}}: {{T "footer_about"}}</footer>`)}
	files, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Theme: theme, Today: perfToday})
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "assets/") {
			continue
		}
		want := "</main>\n<footer>en: About this archive</footer>\n</body>"
		if strings.HasPrefix(p, "fr/") {
			want = "<footer>fr: "
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks its language's footer %q", p, want)
		}
		pages++
	}
	if pages < 50 || files["404.html"] == nil {
		t.Errorf("%d pages checked, 404.html among them: %v", pages, files["404.html"] != nil)
	}
	// The navigation too (site-nav), once per current item: every page
	// marks its own.
	for p, current := range map[string]string{"years/index.html": "/years/", "years/2015/index.html": "/years/", "index.html": "/", "fr/regions/index.html": "/fr/regions/", "search/index.html": ""} {
		page := string(files[p])
		marked := regexp.MustCompile(`<li><a href="([^"]+)" aria-current="page">`).FindAllStringSubmatch(page, -1)
		if current == "" && len(marked) > 0 || current != "" && (len(marked) != 1 || marked[0][1] != current) {
			t.Errorf("%s: navigation marks %v current, want %q", p, marked, current)
		}
	}
	for _, partial := range []string{"site-footer", "site-nav"} {
		th := defaultThemeCopy(t)
		th["layouts/partials/"+partial+".html"] = &fstest.MapFile{Data: []byte(`{{index .Title 1000}}`)}
		if _, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Theme: th, Today: perfToday}); err == nil || !strings.Contains(err.Error(), partial) {
			t.Errorf("a failing %s partial: %v", partial, err)
		}
	}
}
