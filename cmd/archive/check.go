package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/internal/visible"
)

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check [flags]", "Validates the whole archive without writing anything: everything build rejects, plus\nbroken internal links and #fragments, images without alt text, attachments nothing\nrefers to, and likely mistakes (warnings). Prints one problem per line, sorted by file\nand line, then a last line on stderr with the counts and the number of pages the site\nwould have; exits 1 when there is an error, 0 when there are only warnings.", stdout, stderr)
	contentDir := fl.String("content", content.DefaultDir, "content `folder` (site.yaml, pages and one folder per kind)")
	format := fl.String("format", "text", "output `format`: text (path:line:col: severity: message), json (one object per line)\nor github (GitHub Actions annotations)")
	if code := parseFlags(fl, args, stdout); code >= 0 {
		return code
	}
	f := content.Format(*format)
	if !slices.Contains(content.ProblemFormats, f) {
		fmt.Fprintf(stderr, "archive check: unknown --format %q; use text, json or github\n", *format)
		return 2
	}
	start := time.Now()
	cfg, err := config(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "archive check: %v\n", err)
		return 1
	}
	var stats *generator.Stats
	cfg.Stats = func(s generator.Stats) { stats = &s }
	var translations []generator.TranslationStatus
	cfg.Translations = func(l []generator.TranslationStatus) { translations = l }
	problems, err := generator.Check(ctx, cfg)
	if list := themeProblems(err); list != nil {
		// Refused theme files are problems to fix like the content's,
		// reported in the same format.
		problems, err = append(problems, list...), nil
		problems.Sort()
	}
	for _, p := range problems {
		printProblem(stdout, p, f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "archive check: %v\n", err)
		return 1
	}
	printTranslations(stdout, stderr, translations, f)
	errs := len(problems.Errors())
	warns := len(problems) - errs
	fmt.Fprintf(stderr, "archive check: %s in %s%s\n", summary(errs, warns), time.Since(start).Round(time.Millisecond), pagesSummary(stats))
	if errs > 0 {
		return 1
	}
	return 0
}

// summary counts problems the way the last line of check says it.
func summary(errs, warns int) string {
	if errs == 0 && warns == 0 {
		return "no problems found"
	}
	return fmt.Sprintf("%d %s, %d %s", errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
}

// pagesSummary says how many pages the site would have, for the last line
// of check; "" when site.yaml could not be read.
func pagesSummary(s *generator.Stats) string {
	if s == nil {
		return ""
	}
	out := fmt.Sprintf("; the site would have %d %s", s.Pages, plural(s.Pages, "page", "pages"))
	if s.Paginated > 0 {
		out += fmt.Sprintf(" (%d %s split into %d pages)", s.Paginated, plural(s.Paginated, "index", "indexes"), s.IndexPages)
	}
	return out
}

// printProblem writes p in the format f. A text line is escaped here,
// so that it stays one line whatever a file name or a quoted link
// holds, and a JSON line's strings carry \u escapes for the characters
// a terminal would act on; run's writer escapes everything else.
func printProblem(w io.Writer, p *content.Error, f content.Format) {
	line := p.AppendFormat(nil, f)
	switch f {
	case content.FormatText:
		line = append([]byte(visible.Line(string(line[:len(line)-1]))), '\n')
	case content.FormatJSON:
		line = visible.JSON(line)
	}
	_, _ = w.Write(line)
}

// printTranslations sums up, for each of the site's other languages, how
// many records (and organizations of the directory, when the site has
// one) are translated: a line on stderr ("fr: 18 of 19 records and 13
// of 13 organizations translated"), or with --format json a line on
// stdout that lists those without a translation too:
//
//	{"language":"fr","translated":18,"records":19,"untranslated":["content/…"],
//	 "organizations_translated":13,"organizations":13,"untranslated_organizations":[]}
//
// A record without a translation is no problem (it is published as it
// is written), so it gets no line of its own.
func printTranslations(stdout, stderr io.Writer, list []generator.TranslationStatus, f content.Format) {
	for _, st := range list {
		if f == content.FormatJSON {
			v := struct {
				Language         string    `json:"language"`
				Translated       int       `json:"translated"`
				Records          int       `json:"records"`
				Untranslated     []string  `json:"untranslated"`
				OrgsTranslated   *int      `json:"organizations_translated,omitempty"`
				Organizations    *int      `json:"organizations,omitempty"`
				UntranslatedOrgs *[]string `json:"untranslated_organizations,omitempty"`
			}{Language: st.Lang, Translated: st.Translated, Records: st.Records, Untranslated: append([]string{}, st.Untranslated...)}
			if st.Organizations > 0 {
				orgs := append([]string{}, st.UntranslatedOrgs...)
				v.OrgsTranslated, v.Organizations, v.UntranslatedOrgs = &st.OrgsTranslated, &st.Organizations, &orgs
			}
			line, _ := json.Marshal(v)
			_, _ = stdout.Write(visible.JSON(append(line, '\n')))
			continue
		}
		if st.Organizations == 0 {
			fmt.Fprintf(stderr, "%s: %d of %d %s translated\n", st.Lang, st.Translated, st.Records, plural(st.Records, "record", "records"))
			continue
		}
		fmt.Fprintf(stderr, "%s: %d of %d %s and %d of %d %s translated\n", st.Lang, st.Translated, st.Records, plural(st.Records, "record", "records"),
			st.OrgsTranslated, st.Organizations, plural(st.Organizations, "organization", "organizations"))
	}
}
