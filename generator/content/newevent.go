package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
)

// Placeholder starts the values that NewEventFile writes for the author
// to replace. A published record (not a draft) that still holds one is
// an error for build and check alike, so an unfinished record never
// reaches the public site.
const Placeholder = "TODO"

// NewEvent is a record to start with NewEventFile.
type NewEvent struct {
	Kind   *Kind
	Region *Region
	Title  string
	Slug   string    // the file name after the date: a valid slug
	Date   time.Time // the first day
	Today  time.Time // the day the record joins the archive (published:)
}

// Name returns the record's path within the content folder:
// <kind folder>/<date>-<slug>.md.
func (ev NewEvent) Name() string {
	return ev.Kind.Folder + "/" + ev.Date.Format("2006-01-02") + "-" + ev.Slug + ".md"
}

// NewFileError is a record NewEventFile refuses to write. Path is within
// the content folder, slash-separated; Problem says why, and that
// nothing was written.
type NewFileError struct {
	Path    string
	Problem string
}

func (e *NewFileError) Error() string { return e.Path + " " + e.Problem }

// NewEventFile writes the file of a new record, EventTemplate, in the
// content folder root, and returns its path within it. It never
// overwrites a file, nor writes beside a page bundle of the same name,
// and refuses a kind folder that is not a folder: os.Root would refuse
// to follow a link out of it with a bare "path escapes from parent",
// which tells an author nothing. Those refusals are *NewFileErrors.
func NewEventFile(root *os.Root, site *Site, ev NewEvent) (string, error) {
	rel := ev.Name()
	bundle := strings.TrimSuffix(rel, ".md")
	if st, err := root.Lstat(ev.Kind.Folder); err == nil && !st.IsDir() {
		what := "not a folder"
		if st.Mode()&fs.ModeSymlink != 0 {
			what = "a symbolic link, which archive (like check and build) does not follow"
		}
		return "", &NewFileError{ev.Kind.Folder, "is " + what + "; replace it with the folder itself; nothing was written"}
	}
	if _, err := root.Lstat(bundle); err == nil {
		return "", &NewFileError{bundle, "already exists as a page bundle; nothing was written"}
	}
	if err := root.MkdirAll(ev.Kind.Folder, 0o755); err != nil {
		return "", err
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", &NewFileError{rel, "already exists; nothing was written"}
	}
	if err != nil {
		return "", err
	}
	_, err = io.WriteString(f, EventTemplate(site, ev))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = root.Remove(rel)
		return "", err
	}
	return rel, nil
}

// EventTemplate is a new record's file: every key of EventFields, in
// its order, each with its Doc beside it; the optional ones commented
// out, placeholders (Placeholder) to replace, and draft: true, so that
// nothing unfinished is published: the author deletes that line when
// the record is ready. published is ev.Today, whatever the record's
// date.
func EventTemplate(site *Site, ev NewEvent) string {
	d := ev.Date.Format("2006-01-02")
	var b strings.Builder
	line := func(field, comment string) {
		if comment == "" {
			b.WriteString(field + "\n")
			return
		}
		fmt.Fprintf(&b, "%-32s # %s\n", field, comment)
	}
	b.WriteString("---\n")
	for _, f := range EventFields {
		comment := f.Doc
		if f.Required {
			comment = "required: " + comment
		}
		switch f.Key {
		case "title":
			line("title: "+DoubleQuoted(ev.Title), comment)
		case "date":
			line("date: "+d, comment)
		case "end_date":
			line("# end_date: "+d, comment)
		case "time":
			line("# time: 14:00–16:00 Europe/Zurich", comment)
		case "location":
			line(`location: "`+Placeholder+`: city, country (or Online)"`, comment)
		case "format":
			line("# format: "+Formats[0], strings.Join(Formats, " | "))
		case "region":
			var keys []string
			for _, r := range site.Regions {
				keys = append(keys, r.Key)
			}
			line("region: "+ev.Region.Key, strings.Join(keys, " | "))
		case "summary":
			line(`summary: "`+Placeholder+`: one or two plain sentences."`, comment)
		case "topics":
			topic := "labour-migration"
			if len(site.Topics) > 0 {
				topic = site.Topics[0].Key
			}
			line("# topics: ["+topic+"]", comment)
		case "organizers":
			line(`# organizers: ["IOM"]`, comment)
		case "documents":
			line("# documents:", "reports, agendas, presentations: a link (url:), or a")
			line(`#   - title: "Final report"`, "file: beside index.md when the event is a page bundle")
			line("#     url: https://www.iom.int/", "(<kind folder>/<slug>/index.md)")
			line("#     lang: en", "")
		case "registration":
			line("# registration: https://www.iom.int/", comment)
		case "published":
			line("published: "+ev.Today.Format("2006-01-02"), comment)
		case "aliases":
			line("# aliases: [/old/address/]", comment)
		case "draft":
			line("draft: true", "delete this line when the record is ready to publish")
		default:
			// A key added to EventFields is in every new record,
			// commented out, even before it gets an example here.
			line("# "+f.Key+":", comment)
		}
	}
	b.WriteString("---\n")
	b.WriteString("<!-- The record, in Markdown: what the meeting was about, who took part, what came out\n" +
		"     of it, and where this information comes from (a \"## Sources\" list of links). -->\n")
	return b.String()
}

// DoubleQuoted writes s as a YAML double-quoted scalar, escaping what
// YAML would otherwise read as the end of the value or as a line break.
func DoubleQuoted(s string) string {
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
