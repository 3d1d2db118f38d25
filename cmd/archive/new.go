package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
)

// maxSlugLength keeps file names made from titles, and the URLs made of
// them, short enough for every file system and readable in a browser's
// address bar.
const maxSlugLength = 60

// maxFlagSlug is the longest --slug: with the date before it, the file
// name is a slug content accepts.
const maxFlagSlug = content.MaxSlugLength - len("2006-01-02-")

func cmdNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags(`new <kind> "Title" [flags]`, "Writes a new event file, content/<kind folder>/<date>-<slug>.md, with every field of\nthe front matter present (optional ones commented out), and prints its path. <kind> is\na kind key or folder from site.yaml; the slug is made from the title's Latin letters and\ndigits, or given with --slug. An existing file is never overwritten.", stdout, stderr)
	contentDir := fl.String("content", "content", "content `folder` (site.yaml, pages and one folder per kind)")
	date := fl.String("date", "", "the event's first `day`, YYYY-MM-DD (default today)")
	region := fl.String("region", "", "the event's region `key` from site.yaml (default the first region)")
	slugFlag := fl.String("slug", "", "the file `name` after the date, lowercase letters, digits and hyphens (default made from the title)")
	pos, code := parseInterleaved(fl, args, stdout)
	if code >= 0 {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "archive new: want a kind and a title, got %d %s\n", len(pos), plural(len(pos), "argument", "arguments"))
		fl.Usage()
		return 2
	}
	kindArg, title := pos[0], strings.Join(strings.Fields(pos[1]), " ")

	root, err := os.OpenRoot(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "archive new: content folder: %v\n", err)
		return 1
	}
	defer root.Close()
	src, err := root.ReadFile("site.yaml")
	if err != nil {
		fmt.Fprintf(stderr, "archive new: %v\n", err)
		return 1
	}
	dir := filepath.ToSlash(filepath.Clean(*contentDir))
	site, problems := content.ParseSite(path.Join(dir, "site.yaml"), src)
	if site == nil || problems.Err() != nil {
		reportBuildError(stderr, problems)
		return 1
	}

	kind := site.KindByKey(kindArg)
	if kind == nil {
		kind = site.KindByFolder(kindArg)
	}
	if kind == nil {
		var valid []string
		for _, k := range site.Kinds {
			valid = append(valid, fmt.Sprintf("%s (%s)", k.Key, k.Name))
		}
		fmt.Fprintf(stderr, "archive new: unknown kind %q; site.yaml declares:\n  %s\n", kindArg, strings.Join(valid, "\n  "))
		return 2
	}
	var reg *content.Region
	switch {
	case *region != "":
		reg = site.RegionByKey(*region)
	case len(site.Regions) > 0:
		reg = site.Regions[0]
	}
	if reg == nil {
		var valid []string
		for _, r := range site.Regions {
			valid = append(valid, fmt.Sprintf("%s (%s)", r.Key, r.Name))
		}
		fmt.Fprintf(stderr, "archive new: unknown region %q; site.yaml declares:\n  %s\n", *region, strings.Join(valid, "\n  "))
		return 2
	}
	now := time.Now()
	day := now
	if *date != "" {
		day, err = time.Parse("2006-01-02", *date)
		if err != nil {
			fmt.Fprintf(stderr, "archive new: --date %q is not a day of the calendar written YYYY-MM-DD, e.g. 2026-03-12\n", *date)
			return 2
		}
	}
	if msg := badTitle(title); msg != "" {
		fmt.Fprintf(stderr, "archive new: the title %s\n", msg)
		return 2
	}
	slug := *slugFlag
	switch {
	case slug == "":
		// A title is text, never a path: "../x" or "a/b" give "x" and "a-b".
		slug = fileSlug(title)
		if slug == "" {
			fmt.Fprintf(stderr, "archive new: the title %q gives no letters or digits for a file name (only a-z and 0-9 are used); name the file with --slug, e.g. --slug labour-migration\n", title)
			return 2
		}
	case !content.ValidSlug(slug):
		fmt.Fprintf(stderr, "archive new: --slug %q: use lowercase ASCII letters, digits and single hyphens, e.g. --slug labour-migration\n", slug)
		return 2
	case len(slug) > maxFlagSlug:
		fmt.Fprintf(stderr, "archive new: --slug is %d characters long; the limit is %d\n", len(slug), maxFlagSlug)
		return 2
	}

	name := day.Format("2006-01-02") + "-" + slug
	rel := kind.Folder + "/" + name + ".md"
	shown := filepath.Join(*contentDir, filepath.FromSlash(rel))
	// The kind's folder must be a folder in the content folder: os.Root
	// refuses to follow a link out of it with a bare "path escapes from
	// parent", which tells an author nothing.
	if st, err := root.Lstat(kind.Folder); err == nil && !st.IsDir() {
		what := "not a folder"
		if st.Mode()&fs.ModeSymlink != 0 {
			what = "a symbolic link, which archive (like check and build) does not follow"
		}
		fmt.Fprintf(stderr, "archive new: %s is %s; replace it with the folder itself; nothing was written\n", filepath.Join(*contentDir, kind.Folder), what)
		return 1
	}
	if _, err := root.Lstat(kind.Folder + "/" + name); err == nil {
		fmt.Fprintf(stderr, "archive new: %s already exists as a page bundle; nothing was written\n", filepath.Join(*contentDir, kind.Folder, name))
		return 1
	}
	if err := root.MkdirAll(kind.Folder, 0o755); err != nil {
		fmt.Fprintf(stderr, "archive new: %v\n", err)
		return 1
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "archive new: %s already exists; nothing was written\n", shown)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "archive new: %v\n", err)
		return 1
	}
	_, err = io.WriteString(f, eventTemplate(site, title, day, now, reg))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = root.Remove(rel)
		fmt.Fprintf(stderr, "archive new: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, shown)
	return 0
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments (archive new info-session "Title" --date D), and
// returns those arguments, with -1 to go on or an exit code. After "--"
// everything is an argument.
func parseInterleaved(fl *flag.FlagSet, args []string, stdout io.Writer) ([]string, int) {
	var pos []string
	stderr := fl.Output()
	defer fl.SetOutput(stderr)
	for {
		fl.SetOutput(io.Discard) // help and mistakes are printed once, below
		err := fl.Parse(args)
		fl.SetOutput(stderr)
		if errors.Is(err, flag.ErrHelp) {
			fl.SetOutput(stdout)
			fl.Usage()
			return nil, 0
		}
		if err != nil {
			fmt.Fprintf(stderr, "archive new: %v\n", err)
			fl.Usage()
			return nil, 2
		}
		if fl.NArg() == 0 {
			return pos, -1
		}
		if used := len(args) - fl.NArg(); used > 0 && args[used-1] == "--" {
			return append(pos, fl.Args()...), -1
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

// badTitle explains why a title cannot be used, or returns "".
func badTitle(t string) string {
	switch {
	case t == "":
		return "is empty"
	case strings.IndexFunc(t, unicode.IsControl) >= 0:
		return "holds control characters"
	case !utf8.ValidString(t):
		return "is not valid UTF-8"
	case utf8.RuneCountInString(t) > content.MaxTitleLength:
		return fmt.Sprintf("is %d characters long; the limit is %d", utf8.RuneCountInString(t), content.MaxTitleLength)
	}
	return ""
}

// fileSlug makes the file-name part of a title: markdown.Slugify, which
// strips Latin diacritics ("Réunion" → "reunion"), kept to ASCII letters,
// digits and single hyphens as content slugs must be, and at most
// maxSlugLength characters, cut at a hyphen. A title with no Latin letters
// or digits (emoji, another script) gives "".
func fileSlug(title string) string {
	if strings.IndexFunc(title, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return "" // Slugify would name it "section", after a heading
	}
	var b strings.Builder
	dash := false
	for _, r := range markdown.Slugify(title) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	s := b.String()
	if len(s) > maxSlugLength {
		s = s[:maxSlugLength]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// eventTemplate is a new event file: every key of the schema, the optional
// ones commented out, placeholders (generator.Placeholder) to replace, and
// draft: true, so that nothing unfinished is published: the author deletes
// that line when the record is ready, and a placeholder left in a
// published record is an error for build and check alike. published is
// today, the day the record is added to the archive, whatever its date.
func eventTemplate(site *content.Site, title string, day, today time.Time, reg *content.Region) string {
	var regions []string
	for _, r := range site.Regions {
		regions = append(regions, r.Key)
	}
	d := day.Format("2006-01-02")
	var b strings.Builder
	line := func(field, comment string) {
		if comment == "" {
			b.WriteString(field + "\n")
			return
		}
		fmt.Fprintf(&b, "%-32s # %s\n", field, comment)
	}
	b.WriteString("---\n")
	line("title: "+yamlQuote(title), "required")
	line("date: "+d, "required: the first day, YYYY-MM-DD")
	line("# end_date: "+d, "the last day, for events of more than one day")
	line("# time: 14:00–16:00 Europe/Zurich", "start–end, 24-hour clock, time zone (Area/City)")
	line(`location: "`+generator.Placeholder+`: city, country (or Online)"`, "required; unknown if no source says where")
	line("# format: in-person", "in-person | online | hybrid")
	line("region: "+reg.Key, strings.Join(regions, " | "))
	line(`summary: "`+generator.Placeholder+`: one or two plain sentences."`, "required: used in lists, search, feeds and link previews")
	if len(site.Topics) > 0 {
		line("# topics: ["+site.Topics[0].Key+"]", "keys of the topics: list in site.yaml")
	} else {
		line("# topics: [labour-migration]", "keywords: lowercase words joined by hyphens")
	}
	line(`# organizers: ["IOM"]`, "")
	line("# documents:", "reports, agendas, presentations: a link (url:), or a")
	line(`#   - title: "Final report"`, "file: beside index.md when the event is a page bundle")
	line("#     url: https://www.iom.int/", "(<kind folder>/<slug>/index.md)")
	line("#     lang: en", "")
	line("# registration: https://www.iom.int/", "where readers register, shown until the day")
	line("published: "+today.Format("2006-01-02"), "the day the record was added to the archive")
	line("# aliases: [/old/address/]", "old addresses that should redirect here")
	line("draft: true", "delete this line when the record is ready to publish")
	b.WriteString("---\n")
	b.WriteString("<!-- The record, in Markdown: what the meeting was about, who took part, what came out\n" +
		"     of it, and where this information comes from (a \"## Sources\" list of links). -->\n")
	return b.String()
}

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < ' ' || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			b.WriteString(`\u` + fmt.Sprintf("%04x", r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
