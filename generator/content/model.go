package content

import (
	"time"
)

// Site is the site configuration read from site.yaml.
type Site struct {
	Title       string
	Description string
	BaseURL     string // absolute, always ending in "/"
	Language    string // BCP 47 tag of the default language, e.g. "en"
	Theme       string // "default" for the embedded theme, or a folder relative to the content folder's parent
	Unsafe      bool   // markdown.unsafe: render raw HTML from Markdown
	Kinds       []*Kind
	Regions     []*Region

	// MaxAttachmentSize is the largest attachment, in bytes:
	// attachments.max_size_mb, or DefaultMaxAttachmentMB.
	MaxAttachmentSize int64

	// PageSize is how many events one page of an index lists:
	// pagination.page_size, or DefaultPageSize.
	PageSize int

	// OrganizationTypes group the directory of organizations, in
	// site.yaml's order (organization_types:).
	OrganizationTypes []*OrganizationType
	// Topics is the topic vocabulary (topics:), in site.yaml's order;
	// empty when site.yaml declares none, and records may then use any
	// topic written as a key.
	Topics     []*Topic
	topicIndex map[string]*Topic // by key, when ParseSite made the Site
	// Languages are every language of the site, the default first
	// (["en"] for a site in one language); see languages.go.
	Languages []string
	// Names are Title and Description in every language (text.go).
	Names SiteNames
}

// Kind is one series of events; its folder under content/ holds its events
// and names its URL.
type Kind struct {
	Key         string
	Folder      string
	Name        string // singular, e.g. "Regional Civil Society Consultation"
	Plural      string
	Description string
	Names       KindNames // the names in every language (text.go)
	// PastOnly (past_only: true) marks a series of records of what took
	// place, such as a yearly consultation, where a date in the future
	// is a typo: check warns about it. Other kinds announce events to
	// come.
	PastOnly bool
}

// Region is one of the coarse regions an event belongs to.
type Region struct {
	Key         string
	Name        string
	Description string
	Names       RegionNames // the names in every language (text.go)
}

// KindByKey returns the kind with the given key, or nil.
func (s *Site) KindByKey(key string) *Kind {
	for _, k := range s.Kinds {
		if k.Key == key {
			return k
		}
	}
	return nil
}

// KindByFolder returns the kind whose events live in the given folder, or nil.
func (s *Site) KindByFolder(folder string) *Kind {
	for _, k := range s.Kinds {
		if k.Folder == folder {
			return k
		}
	}
	return nil
}

// RegionByKey returns the region with the given key, or nil.
func (s *Site) RegionByKey(key string) *Region {
	for _, r := range s.Regions {
		if r.Key == key {
			return r
		}
	}
	return nil
}

// Event is one consultation, read from content/<kind folder>/<slug>.md or
// from a page bundle content/<kind folder>/<slug>/index.md.
type Event struct {
	Path       string // file path within the content folder, slash-separated
	Kind       *Kind
	Slug       string
	Bundle     bool     // read from <slug>/index.md
	BundleDir  string   // the bundle's folder within the content folder, when Bundle
	Files      []string // every attachment in the bundle, relative to BundleDir, sorted
	Title      string
	Date       time.Time // first day, UTC midnight
	EndDate    time.Time // last day; zero for one-day events
	Location   string
	Format     string // "", "in-person", "online" or "hybrid"
	Region     *Region
	Summary    string
	Topics     []string
	Organizers []string
	Documents  []*Document
	Aliases    []string
	Draft      bool
	// Start and End are when the event starts on its first day and ends
	// on its last, in its time zone (the Location of both), when the
	// record gives time:; both are zero for an event of whole days.
	Start, End time.Time
	// Registration is the address of the page where readers register;
	// "" when there is none.
	Registration string
	// Published is the day the record was added to the archive; zero
	// when the record does not say.
	Published time.Time
	Body      []byte // Markdown body
	BodyLine  int    // line of the body's first line in the file
	Hash      [32]byte
	// Pos is where the value of each front-matter key given starts, by key
	// ("title", "date", ...), so that later checks can point at it.
	Pos map[string]Position

	// FileSizes holds the size in bytes of each of Files, as Load found
	// it: the build copies an attachment only while it still has that size.
	FileSizes map[string]int64

	// LocationUnknown is set by "location: unknown": no source states
	// where the event was held, the record says so, and Location is "".
	LocationUnknown bool
	// ResolvedOrganizers are the Organizers, in their order, each with the
	// organization of the directory it names, if any.
	ResolvedOrganizers []Organizer
	organizerPos       []Position // where each of Organizers is written
	// Translations are the event's translations, by language; nil when
	// it has none (translation.go).
	Translations map[string]*Translation
}

// Position is a place in a content file: 1-based line and column.
type Position struct{ Line, Col int }

// LastDay returns EndDate, or Date for a one-day event.
func (e *Event) LastDay() time.Time {
	if e.EndDate.IsZero() {
		return e.Date
	}
	return e.EndDate
}

// HasTime reports whether the event gives its start and end times.
func (e *Event) HasTime() bool { return !e.Start.IsZero() }

// Document is a report, agenda or other file attached to an event: a file in
// the event's bundle or a link elsewhere.
type Document struct {
	Title string
	File  string // relative to the bundle folder; "" for a link
	URL   string // external or site-relative link; "" for a file
	Lang  string
	Size  int64 // bytes, for files
	// TypeKey is the document's type, one of DocumentTypes ("pdf",
	// "word", "web"), which the theme names for readers (i18n
	// doc_type_<key>).
	TypeKey string
	Line    int // position of the entry in the file, for later checks
	Col     int
}

// Page is a plain page at the content root (about.md), or the home page's
// intro (_index.md).
type Page struct {
	Path     string
	Slug     string // "" for the home page
	Title    string
	Summary  string
	Weight   int
	Menu     bool // listed in the site navigation
	Aliases  []string
	Draft    bool
	Body     []byte
	BodyLine int
	Hash     [32]byte
	// Translations are the page's translations, by language; nil when
	// it has none (translation.go).
	Translations map[string]*Translation
}

// Archive is everything read from a content folder.
type Archive struct {
	Site   *Site
	Events []*Event // sorted by date, then kind, then slug
	Pages  []*Page  // plain pages sorted by weight then slug; the home page is not among them
	Home   *Page    // from _index.md; never nil after a successful Load
	// Dir is the content folder's name as given by the caller, which
	// prefixes the paths of the problems found after Load
	// (StaleTranslations).
	Dir string

	// Organizations is the directory (content/organizations/), ordered by
	// type in site.yaml's order, then by name.
	Organizations []*Organization
	orgs          *orgIndex
}
