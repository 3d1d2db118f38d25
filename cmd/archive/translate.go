package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/iom-cso/archive/generator/content"
)

// translateMark starts every text a new translation copies from its
// original: the word build and check refuse in a published record, and
// a word a translator searches for.
const translateMark = "TODO: translate: "

// translating reports whether archive new was asked for a translation
// (--translate before any "--").
func translating(args []string) bool {
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--translate" || a == "-translate" || strings.HasPrefix(a, "--translate=") || strings.HasPrefix(a, "-translate="):
			return true
		}
	}
	return false
}

// cmdTranslate is archive new --translate <path> <lang>: it starts the
// translation of a record or page beside it, with the translatable text
// copied from the original and marked to be translated, and
// translation_of: set to the digest of the original's text, which check
// compares to tell when the original changed after.
func cmdTranslate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("new --translate <path> <lang>", "Writes the translation of a record, page or organization into another of the site's languages, beside its\noriginal: <slug>.<lang>.md (index.<lang>.md in a page bundle), and prints its path. The title,\nsummary, documents' titles and text are copied from the original, each marked \"TODO: translate\";\ntranslation_of: records which text the translation starts from. An existing file is never overwritten.", stdout, stderr)
	contentDir := fl.String("content", "content", "content `folder` (site.yaml, pages and one folder per kind)")
	fl.Bool("translate", true, "write a translation (this command)")
	pos, code := parseInterleaved(fl, args, stdout)
	if code >= 0 {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "archive new --translate: want the original's path and a language, got %d %s\n", len(pos), plural(len(pos), "argument", "arguments"))
		fl.Usage()
		return 2
	}
	orig, lang := pos[0], pos[1]

	rel, ok := withinContent(*contentDir, orig)
	if !ok {
		fmt.Fprintf(stderr, "archive new --translate: %s is not a file of the content folder %s: give the path of the record, page or organization to translate, such as %s\n", orig, *contentDir, filepath.Join(*contentDir, "annual-consultations", "2013-migrants-and-development.md"))
		return 2
	}
	root, err := os.OpenRoot(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "archive new --translate: content folder: %v\n", err)
		return 1
	}
	defer root.Close()
	dir := filepath.ToSlash(filepath.Clean(*contentDir))
	arch, problems := content.Load(ctx, root.FS(), content.Options{Dir: dir})
	if err := ctx.Err(); err != nil {
		fmt.Fprintln(stderr, "archive new --translate: interrupted; nothing was written")
		return 1
	}
	if arch.Site == nil {
		return reportBuildError(stderr, problems)
	}
	// Only the original's own errors stop a translation: the rest of
	// the archive is check's business.
	var own content.List
	for _, p := range problems.Errors() {
		if p.Path == path.Join(dir, rel) {
			own = append(own, p)
		}
	}
	if len(own) > 0 {
		return reportBuildError(stderr, own)
	}
	site := arch.Site
	if !contains(site.OtherLanguages(), lang) {
		others := "site.yaml lists no other language: add one to languages:, such as languages: [" + site.Language + ", fr]"
		if len(site.OtherLanguages()) > 0 {
			others = "translate into one of the others: " + strings.Join(site.OtherLanguages(), ", ")
		}
		if lang == site.Language {
			fmt.Fprintf(stderr, "archive new --translate: %s is the site's default language, the original's; %s\n", lang, others)
		} else {
			fmt.Fprintf(stderr, "archive new --translate: %q is not one of the site's languages; %s\n", lang, others)
		}
		return 2
	}
	text, ok := translationTemplate(arch, rel, lang)
	if !ok {
		fmt.Fprintf(stderr, "archive new --translate: %s is not a record, page or organization of the archive (a translation translates <kind folder>/<slug>.md, <kind folder>/<slug>/index.md, <page>.md, _index.md or organizations/<key>.md)\n", orig)
		return 2
	}
	target := strings.TrimSuffix(rel, ".md") + "." + lang + ".md"
	shown := filepath.Join(*contentDir, filepath.FromSlash(target))
	f, err := root.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "archive new --translate: %s already exists; nothing was written\n", shown)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "archive new --translate: %v\n", err)
		return 1
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = root.Remove(target)
		fmt.Fprintf(stderr, "archive new --translate: %v; nothing was written\n", err)
		return 1
	}
	fmt.Fprintln(stdout, shown)
	return 0
}

// withinContent returns name's path within the content folder,
// slash-separated: name is a path as the author sees it (content/x.md),
// or one within the content folder (x.md).
func withinContent(contentDir, name string) (string, bool) {
	if r, err := filepath.Rel(filepath.Clean(contentDir), filepath.Clean(name)); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r), true
	}
	if filepath.IsLocal(name) && !filepath.IsAbs(name) {
		return filepath.ToSlash(filepath.Clean(name)), true
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// translationTemplate is the translation of the record or page at rel
// into lang, or false when rel is none.
func translationTemplate(a *content.Archive, rel, lang string) (string, bool) {
	var b strings.Builder
	b.WriteString("---\n")
	line := func(field, comment string) {
		if comment == "" {
			b.WriteString(field + "\n")
			return
		}
		fmt.Fprintf(&b, "%-32s # %s\n", field, comment)
	}
	mark := func(s string) string { return content.DoubleQuoted(translateMark + s) }
	var body []byte
	found := false
	for _, e := range a.Events {
		if e.Path != rel {
			continue
		}
		found = true
		line("title: "+mark(e.Title), "required")
		line("summary: "+mark(e.Summary), "required")
		line("# location: "+content.DoubleQuoted(e.Location), "when the place's name reads differently")
		if len(e.Documents) > 0 {
			line("documents:", "each document's title; file: or url: says which")
			for _, d := range e.Documents {
				line("  - title: "+mark(d.Title), "")
				if d.File != "" {
					line("    file: "+content.DoubleQuoted(d.File), "")
				} else {
					line("    url: "+content.DoubleQuoted(d.URL), "")
				}
			}
		}
		line("translation_of: "+e.TranslationDigest(), "the original's text this translation starts from: leave it as it is")
		body = e.Body
	}
	for _, p := range append([]*content.Page{a.Home}, a.Pages...) {
		if found || p == nil || p.Path != rel {
			continue
		}
		found = true
		if p.Title != "" {
			line("title: "+mark(p.Title), "")
		}
		if p.Summary != "" {
			line("summary: "+mark(p.Summary), "")
		}
		line("translation_of: "+p.TranslationDigest(), "the original's text this translation starts from: leave it as it is")
		body = p.Body
	}
	for _, o := range a.Organizations {
		if found || o.Path != rel {
			continue
		}
		found = true
		line("name: "+mark(o.Name), "its name in this language; delete the line if it reads the same")
		if o.ShortName != "" {
			line("short_name: "+mark(o.ShortName), "delete the line if it reads the same")
		}
		line("summary: "+mark(o.Summary), "required")
		line("translation_of: "+o.TranslationDigest(), "the original's text this translation starts from: leave it as it is")
		body = o.Body
	}
	if !found {
		return "", false
	}
	b.WriteString("---\n")
	fmt.Fprintf(&b, "<!-- %sthe text below, then delete this line. -->\n", translateMark)
	b.Write(body)
	return b.String(), true
}
