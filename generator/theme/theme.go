// Package theme loads a site theme from an fs.FS (the embedded default
// theme or a folder) and renders pages with it.
//
// # Theme layout
//
//	layouts/_base.html        the page skeleton; layouts fill its blocks
//	layouts/partials/*.html   shared pieces, available to every layout; the
//	                          generator also renders some alone (RenderPartial):
//	                          event-item and topic-event-item, an event's item
//	                          in the lists of indexes and of topics' pages (and
//	                          organization-event-item, for organizations' pages,
//	                          when a theme has it; else event-item), once per
//	                          event and language, handed to the lists as
//	                          YearGroup.Items; site-footer, the footer of every
//	                          page, from the SiteView, once per language
//	                          (PageData.Footer); site-nav, the navigation, once
//	                          per current item (PageData.NavHTML);
//	                          organizer-link and year-count,
//	                          an organization's link on its events' pages and a
//	                          year of its consultations, once per language
//	                          (OrganizerLink.HTML, YearCount.HTML)
//	layouts/<name>.html       one per page type: home, event, list, years,
//	                          regions, page, search, follow, 404 (a layout named
//	                          kind, year or region overrides list for that type)
//	assets/...                CSS, JavaScript, images: published under
//	                          /assets/ with a content hash in the file name;
//	                          JavaScript modules import each other by those
//	                          names (relative imports are rewritten)
//	i18n/<lang>.yaml          every interface string, per language
//
// A layout defines the templates "title" and "main" (and optionally
// "head"), and the base template places them. Layouts are html/template
// templates, so everything that comes from content is escaped for the
// context it lands in; only the Markdown renderer's output is trusted.
//
// # Reading a theme folder
//
// A theme folder comes with the repository, as the content does, and Load
// reads it under the same rules, whatever file system it is given (the
// archive command opens the folder with os.OpenRoot, so that no read can
// leave it). Only layouts/, assets/ and i18n/ are read; names starting with
// a dot are skipped. Load refuses, before opening anything: symbolic links,
// wherever they lead (inside the theme too, and the three folders
// themselves); named pipes, devices and sockets; a layout or i18n file over
// MaxFileSize (4 MB), an asset over MaxAssetSize (10 MB), and files adding
// up to more than MaxTotalSize (50 MB). Each refusal is a FileError naming
// the file as Options.Dir says ("themes/plain/assets/logo.png"), and all of
// them come at once, as Errors. A file is looked at again when it is
// opened: one replaced by a link, a special file or a bigger file since
// the folder was listed is refused too.
//
// # Template functions
//
//	asset "css/site.css"   the published path of an asset, fingerprinted: /assets/css/site.1a2b3c4d.css
//	T "key" [args...]      the interface string key in the page's language; args fill %s/%d verbs
//	Tn "key" n             the plural form of key ("one" or "other") for n, with n filled in
//	date t                 a readable date, in the language's order (i18n date): 12 September 2013
//	dateRange t1 t2        a readable span: 4–5 August 2017, 28 August – 2 September 2017 (i18n date_range_*)
//	isodate t              2013-09-12
//	year t                 2013
//	abs "/path/"           the absolute URL of a site path, from site.yaml's base_url
//	bytes n                a file size: 312 KB, 1.4 MB (i18n size_*)
//	lower s, upper s       case changes (for display only)
//	add a b, sub a b       integer arithmetic for charts
//	seq n                  0..n-1 for loops
//	dict k1 v1 k2 v2 …     a map, to pass several values to a partial
//	langName "fr"          a language's name in the page's language (i18n key lang_fr), or the code
//
// # Strings
//
// i18n/<lang>.yaml maps keys to strings, or to {one: ..., other: ...} for
// plurals. Every string a reader sees is there, in the page's language,
// none in Go: besides the strings the layouts name, the ones the program
// formats with (GoKeys): month_1 … month_12 for date names; day_1, the
// first day of a month as dates write it ("1er" in French, "1" in English);
// date, date_range_days, date_range_months and date_range_years, patterns
// whose explicit argument indexes (%[1]d) put the day, the month and the
// year in the language's order (a day fills %d as day_1 says when it is
// the first); size_bytes, size_kb, size_mb and
// decimal_separator for file sizes; chart_tip and chart_tip_series for
// the charts' tooltips; and what the caller lists in Options.Keys (the
// generator: doc_type_<type> for document types, format_<format>, and
// the strings it puts in pages). A key missing from the file, one that
// T names in a layout, or a plural where a string is wanted, is an
// error when the theme loads, not a key or an empty string in a page.
package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Theme is a loaded theme, ready to render pages in one language.
type Theme struct {
	layouts map[string]*template.Template
	sources map[string][]byte // each template file's text, by its template's name, for errors' columns
	assets  map[string]string // logical name (css/site.css) → published path (assets/css/site.1a2b3c4d.css)
	files   map[string][]byte // published path → bytes
	strs    map[string]any
	lang    string
	baseURL string
	digest  [32]byte

	// partials is the set every layout is a clone of: _base and the
	// partials, for RenderPartial.
	partials *template.Template
}

// Options configure Load.
type Options struct {
	Lang    string            // language of the interface strings, e.g. "en"
	Dir     string            // the theme folder as messages name it ("themes/plain"); "theme" when empty
	BaseURL string            // absolute, ending in "/"
	Extra   map[string][]byte // generated assets added to the theme's own, by logical name
	// Keys are the interface strings the program will ask for with
	// String or Plural, besides the theme's own (GoKeys) and those its
	// layouts name: Load refuses a theme whose i18n file lacks one, so
	// that no page shows a key instead of a string.
	Keys []string
}

// Load parses every layout and fingerprints every asset of the theme in
// fsys. Problems with the theme's files are returned as Errors, all of
// them at once; a layout that does not parse, as a plain error.
func Load(fsys fs.FS, opts Options) (*Theme, error) {
	r := scan(fsys, opts.Dir)
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	t := &Theme{layouts: map[string]*template.Template{}, sources: map[string][]byte{}, assets: map[string]string{}, files: map[string][]byte{}, lang: opts.Lang, baseURL: opts.BaseURL}
	for _, load := range []func() error{
		func() error { return t.loadStrings(r) },
		func() error { return t.loadAssets(r, opts.Extra) },
		func() error { return t.loadLayouts(r) },
		func() error { t.checkKeys(r, opts.Keys); return nil },
	} {
		if err := load(); err != nil {
			return nil, err
		}
		if len(r.errs) > 0 {
			return nil, r.errs
		}
	}
	r.digest.Sum(t.digest[:0])
	return t, nil
}

func (t *Theme) loadStrings(r *reader) error {
	name := "i18n/" + t.lang + ".yaml"
	if !r.has(name) {
		r.fail(name, "no interface strings for language %q: add the file, with the keys of the default theme's i18n/en.yaml", t.lang)
		return nil
	}
	src, ok := r.read(name)
	if !ok {
		return nil
	}
	t.strs = map[string]any{}
	if err := yaml.Unmarshal(src, &t.strs); err != nil {
		r.fail(name, "%v", err)
		return nil
	}
	return nil
}

func (t *Theme) loadAssets(r *reader, extra map[string][]byte) error {
	all := map[string][]byte{}
	for _, p := range r.list("assets/") {
		b, ok := r.read(p)
		if !ok {
			continue
		}
		all[strings.TrimPrefix(p, "assets/")] = b
	}
	names := make([]string, 0, len(extra))
	for k := range extra {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		all[k] = extra[k]
		r.sum("extra/"+k, extra[k])
	}
	return t.fingerprint(r, all)
}

func (t *Theme) loadLayouts(r *reader) error {
	base := template.New("_base").Funcs(t.funcs())
	if !r.has("layouts/_base.html") {
		r.fail("layouts/_base.html", "missing: every theme needs this page skeleton, which the other layouts fill")
		return nil
	}
	src, ok := r.read("layouts/_base.html")
	if !ok {
		return nil
	}
	if _, err := base.Parse(string(src)); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	t.sources["_base"] = src
	for _, p := range r.list("layouts/partials/*.html") {
		src, ok := r.read(p)
		if !ok {
			continue
		}
		name := strings.TrimSuffix(path.Base(p), ".html")
		if _, err := base.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		t.sources[name] = src
	}
	t.partials = base
	for _, p := range r.list("layouts/*.html") {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "_base" {
			continue
		}
		src, ok := r.read(p)
		if !ok {
			continue
		}
		tpl, err := base.Clone()
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if _, err := tpl.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		t.layouts[name] = tpl
		t.sources[name] = src
	}
	return nil
}

// Digest identifies everything Load read and was given: two themes with
// the same digest render the same pages (the template functions aside,
// which come from the program).
func (t *Theme) Digest() [32]byte { return t.digest }

// Render executes the first of the named layouts that the theme has.
func (t *Theme) Render(w io.Writer, data any, layouts ...string) error {
	for _, name := range layouts {
		if tpl := t.layouts[name]; tpl != nil {
			if err := tpl.ExecuteTemplate(w, "_base", data); err != nil {
				return &renderError{msg: fmt.Sprintf("theme: layout %s: %s", name, t.charColumns(err.Error())), err: err}
			}
			return nil
		}
	}
	return fmt.Errorf("theme: no layout named %s", strings.Join(layouts, " or "))
}

// renderError is an error of a layout as it runs, its message with
// character columns (Theme.charColumns).
type renderError struct {
	msg string
	err error
}

func (e *renderError) Error() string { return e.msg }
func (e *renderError) Unwrap() error { return e.err }

// templatePosRE finds the place that html/template and text/template give
// in their errors: the template's name, its line and the byte offset in
// that line, from 0.
var templatePosRE = regexp.MustCompile(`(template: ?)([\w./-]+):(\d+):(\d+):`)

// charColumns rewrites the places in msg to give their columns as content
// errors do, in characters from 1: the templates count bytes from 0, which
// an editor shows elsewhere on a line with accented letters before it.
func (t *Theme) charColumns(msg string) string {
	return templatePosRE.ReplaceAllStringFunc(msg, func(m string) string {
		sub := templatePosRE.FindStringSubmatch(m)
		src, ok := t.sources[sub[2]]
		line, err1 := strconv.Atoi(sub[3])
		off, err2 := strconv.Atoi(sub[4])
		if !ok || err1 != nil || err2 != nil || line < 1 {
			return m
		}
		lines := bytes.SplitN(src, []byte("\n"), line+1)
		if line > len(lines) {
			return m
		}
		text := lines[line-1]
		col := utf8.RuneCount(text[:min(off, len(text))]) + 1
		return fmt.Sprintf("%s%s:%d:%d:", sub[1], sub[2], line, col)
	})
}

// HasPartial reports whether the theme has layouts/partials/<name>.html.
func (t *Theme) HasPartial(name string) bool {
	return t.partials != nil && t.partials.Lookup(name) != nil
}

// RenderPartial executes the partial name with data, as
// {{template "name" data}} does in the text of a page's body. A list
// that shows the same item on many pages renders it once this way and
// writes the result (as template.HTML) on each: template execution,
// reflection at every call, is most of what a page costs.
func (t *Theme) RenderPartial(w io.Writer, name string, data any) error {
	if !t.HasPartial(name) {
		return fmt.Errorf("theme: no partial named %s", name)
	}
	if err := t.partials.ExecuteTemplate(w, name, data); err != nil {
		return &renderError{msg: fmt.Sprintf("theme: partial %s: %s", name, t.charColumns(err.Error())), err: err}
	}
	return nil
}

// RenderBytes is Render into a new byte slice.
func (t *Theme) RenderBytes(data any, layouts ...string) ([]byte, error) {
	var b bytes.Buffer
	if err := t.Render(&b, data, layouts...); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Files returns the fingerprinted assets: published path → bytes.
func (t *Theme) Files() map[string][]byte { return t.files }

// Asset returns the published URL path of an asset ("/assets/css/site.1a2b3c4d.css").
func (t *Theme) Asset(name string) (string, error) {
	p, ok := t.assets[name]
	if !ok {
		return "", fmt.Errorf("theme: no asset %q", name)
	}
	return "/" + p, nil
}

// String returns the interface string for key, formatted with args.
func (t *Theme) String(key string, args ...any) (string, error) {
	v, ok := t.strs[key]
	if !ok {
		return "", fmt.Errorf("theme: i18n/%s.yaml has no string %q", t.lang, key)
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("theme: i18n/%s.yaml: %q is a plural; use Tn", t.lang, key)
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...), nil
	}
	return s, nil
}

// Plural returns the plural form of key for n, with n filled in.
func (t *Theme) Plural(key string, n int) (string, error) {
	v, ok := t.strs[key].(map[string]any)
	if !ok {
		return "", fmt.Errorf("theme: i18n/%s.yaml has no plural string %q", t.lang, key)
	}
	form := "other"
	if n == 1 {
		form = "one"
	}
	s, ok := v[form].(string)
	if !ok {
		return "", fmt.Errorf("theme: i18n/%s.yaml: %q has no %q form", t.lang, key, form)
	}
	return strings.ReplaceAll(s, "%d", fmt.Sprint(n)), nil
}

func (t *Theme) month(m time.Month) string {
	s, _ := t.strs[fmt.Sprintf("month_%d", int(m))].(string)
	return s
}

// format fills the pattern key, which Load has checked is there.
func (t *Theme) format(key string, args ...any) string {
	s, _ := t.strs[key].(string)
	return fmt.Sprintf(s, args...)
}

// Date formats a day for readers, in the order of the language: i18n
// date, "%[1]d %[2]s %[3]d" (day, month name, year) gives 12 September
// 2013, "%[1]d de %[2]s de %[3]d" 12 de septiembre de 2013, and the
// first of the month as day_1 writes it: 1er janvier 2019.
func (t *Theme) Date(d time.Time) string {
	return t.format("date", t.day(d), t.month(d.Month()), d.Year())
}

// day is the day of the month of d as the patterns take it: a number,
// save the first, which reads as i18n day_1 ("1er" in French, where the
// first of the month is an ordinal and the other days are not).
func (t *Theme) day(d time.Time) dayOfMonth {
	s, _ := t.strs["day_1"].(string)
	return dayOfMonth{n: d.Day(), first: s}
}

// dayOfMonth fills a pattern's %d (or any verb) with its number, or with
// first for the first of the month, so that the patterns keep their
// number verbs and a theme decides how the first is written without a
// verb of its own.
type dayOfMonth struct {
	n     int
	first string
}

// Format implements fmt.Formatter.
func (d dayOfMonth) Format(f fmt.State, verb rune) {
	if d.n == 1 && d.first != "" {
		io.WriteString(f, d.first)
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), d.n)
}

// DateRange formats a span of days, sharing what the two ends share:
// i18n date_range_days (first day, last day, month, year: 4–5 August
// 2017), date_range_months (first day and month, last day and month,
// year: 28 August – 2 September 2017) and date_range_years (two dates).
func (t *Theme) DateRange(a, b time.Time) string {
	switch {
	case b.IsZero() || a.Equal(b):
		return t.Date(a)
	case a.Year() == b.Year() && a.Month() == b.Month():
		return t.format("date_range_days", t.day(a), t.day(b), t.month(a.Month()), a.Year())
	case a.Year() == b.Year():
		return t.format("date_range_months", t.day(a), t.month(a.Month()), t.day(b), t.month(b.Month()), a.Year())
	}
	return t.format("date_range_years", t.Date(a), t.Date(b))
}

// Bytes formats a file size for readers: i18n size_bytes (a plural),
// size_kb and size_mb, with the decimal_separator of the language:
// 312 bytes, 312 KB, 1.4 MB (sizes in powers of 1000, as file managers
// show them).
func (t *Theme) Bytes(n int64) string {
	switch {
	case n < 1000:
		s, _ := t.Plural("size_bytes", int(n))
		return s
	case n < 1000*1000:
		return t.format("size_kb", (n+500)/1000)
	}
	mb := strings.Replace(fmt.Sprintf("%.1f", float64(n)/1e6), ".", t.format("decimal_separator"), 1)
	return t.format("size_mb", mb)
}

// ChartTip is the tooltip of a bar of a chart: n events in group (a
// year, a region), of the series named series when it is not "". i18n
// chart_tip ("Africa: 12") and chart_tip_series ("2013: 3 × Annual
// Consultations").
func (t *Theme) ChartTip(group string, n int, series string) string {
	if series == "" {
		return t.format("chart_tip", group, n)
	}
	return t.format("chart_tip_series", group, n, series)
}

// DocType names a document type for readers: the i18n string
// doc_type_<key>, for the keys of content.DocumentTypes ("pdf" → PDF,
// "web" → Web page). The caller lists the keys in Options.Keys, so that
// Load checks them; an unknown key gives "".
func (t *Theme) DocType(key string) string {
	s, _ := t.strs["doc_type_"+key].(string)
	return s
}

// Abs returns the absolute URL of a site path.
func (t *Theme) Abs(p string) string {
	return strings.TrimSuffix(t.baseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

func (t *Theme) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":     t.Asset,
		"T":         t.String,
		"Tn":        t.Plural,
		"date":      t.Date,
		"dateRange": t.DateRange,
		"isodate":   func(d time.Time) string { return d.Format("2006-01-02") },
		"year":      func(d time.Time) int { return d.Year() },
		"abs":       t.Abs,
		"bytes":     t.Bytes,
		"lower":     strings.ToLower,
		"upper":     strings.ToUpper,
		"add":       func(a, b int) int { return a + b },
		"sub":       func(a, b int) int { return a - b },
		"dict":      dict,
		"langName":  t.LangName,
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i
			}
			return s
		},
	}
}

// LangName returns the name of a language for readers, or its code when the
// theme has no name for it.
func (t *Theme) LangName(code string) string {
	if s, ok := t.strs["lang_"+strings.ToLower(code)].(string); ok {
		return s
	}
	return code
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
