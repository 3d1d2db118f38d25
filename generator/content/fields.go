package content

// ValueKind names the form a front-matter value takes.
type ValueKind string

// The forms of front-matter values.
const (
	KindText      ValueKind = "text"
	KindDate      ValueKind = "date"      // YYYY-MM-DD
	KindTime      ValueKind = "time"      // HH:MM–HH:MM Area/City
	KindChoice    ValueKind = "choice"    // one of a fixed list (Formats)
	KindRegion    ValueKind = "region"    // a region key from site.yaml
	KindKeys      ValueKind = "keys"      // a list of lowercase-hyphenated words
	KindList      ValueKind = "list"      // a list of texts
	KindDocuments ValueKind = "documents" // a list of {title, file | url, lang}
	KindURL       ValueKind = "url"       // an absolute http(s) address
	KindPaths     ValueKind = "paths"     // a list of site paths
	KindBool      ValueKind = "boolean"
	KindInt       ValueKind = "integer"
)

// Field is one key of a front matter.
type Field struct {
	Key      string
	Required bool
	Kind     ValueKind
	// Doc says in one line what the value is, as archive new writes it
	// beside the key.
	Doc string
}

// EventFields is the schema of an event's front matter, in the order
// the package doc, the README's table and archive new's template list
// it. The decoder's known and required keys come from it, and a test
// holds the doc and the README to it: a key added here is a key added
// everywhere, or a failing test.
var EventFields = []Field{
	{"title", true, KindText, "the title of the meeting, as published"},
	{"date", true, KindDate, "the first day, YYYY-MM-DD"},
	{"end_date", false, KindDate, "the last day, for events of more than one day"},
	{"time", false, KindTime, "start–end, 24-hour clock, time zone (Area/City)"},
	{"location", true, KindText, "city and country, Online, or unknown when no source says where"},
	{"format", false, KindChoice, "in-person | online | hybrid"},
	{"region", true, KindRegion, "a region key from site.yaml"},
	{"summary", true, KindText, "used in lists, search, feeds and link previews"},
	{"topics", false, KindKeys, "keys of the topics: list in site.yaml"},
	{"organizers", false, KindList, "the organizations that convened it"},
	{"documents", false, KindDocuments, "reports, agendas, presentations: each a title, a url: or a file:, and a lang"},
	{"registration", false, KindURL, "where readers register, shown until the day"},
	{"published", false, KindDate, "the day the record was added to the archive"},
	{"aliases", false, KindPaths, "old addresses that should redirect here"},
	{"draft", false, KindBool, "true keeps the record out of the published site"},
}

// PageFields is the schema of a plain page's front matter. The home
// page's intro (_index.md) takes the same keys, none of them required.
var PageFields = []Field{
	{"title", true, KindText, "the title of the page"},
	{"summary", false, KindText, "used in meta tags and link previews"},
	{"weight", false, KindInt, "the page's place in the navigation, lowest first"},
	{"menu", false, KindBool, "true lists the page in the site navigation"},
	{"aliases", false, KindPaths, "old addresses that should redirect here"},
	{"draft", false, KindBool, "true keeps the page out of the published site"},
}

var (
	eventKeys, eventRequired = fieldKeys(EventFields)
	pageKeys, pageRequired   = fieldKeys(PageFields)
)

// fieldKeys returns the keys of fields, and the required ones.
func fieldKeys(fields []Field) (known, required []string) {
	for _, f := range fields {
		known = append(known, f.Key)
		if f.Required {
			required = append(required, f.Key)
		}
	}
	return known, required
}
