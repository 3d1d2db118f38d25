package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	contentDir := fl.String("content", content.DefaultDir, "content `folder` (site.yaml, pages and one folder per kind)")
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

	rel, err := content.NewEventFile(root, site, content.NewEvent{Kind: kind, Region: reg, Title: title, Slug: slug, Date: day, Today: now})
	var refused *content.NewFileError
	if errors.As(err, &refused) {
		fmt.Fprintf(stderr, "archive new: %s %s\n", filepath.Join(*contentDir, filepath.FromSlash(refused.Path)), refused.Problem)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "archive new: %v\n", err)
		return 1
	}
	shown := filepath.Join(*contentDir, filepath.FromSlash(rel))
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
