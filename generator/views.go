package generator

import (
	"html/template"
	"time"

	"github.com/iom-cso/archive/generator/chart"
)

// The types below are what layouts see. They hold display-ready values so
// that a theme needs no Go to change what a page shows or how.

// PageData is the data every layout is executed with.
type PageData struct {
	Site        *SiteView
	Lang        string
	Layout      string // home, event, list, years, regions, page, search, follow, organizations, organization, topics, 404
	Title       string // the page's own title ("" on the home page)
	Description string
	URL         string // site path, e.g. /years/2013/
	Canonical   string // absolute URL; empty on the 404 page, which has no address of its own
	Noindex     bool
	Preview     bool // built with --drafts: a deploy preview or the local preview
	Draft       bool // this page is a draft
	Nav         []NavItem
	// NavHTML is Nav as the theme's site-nav partial writes it, made
	// once per language and current item; "" without the partial.
	NavHTML     template.HTML
	Breadcrumbs []Link
	OGType      string
	JSONLD      any
	// Alternates are the page in every language it exists in, then
	// x-default (the default language's), for hreflang links; none on a
	// site in one language and on the 404 page.
	Alternates []Alternate
	// OGAlternates are the og:locale of the page's other languages.
	OGAlternates []string
	// Languages is the language switcher: the page in every language
	// it exists in, or, for a page in one language only, every
	// language's home page (and the page itself in its own); none on a
	// site in one language.
	Languages []LangLink

	Home    *HomeView
	Event   *EventView
	List    *ListView
	Years   *YearsView
	Regions *RegionsView
	Search  *SearchView
	Follow  *FollowView

	Organizations *OrganizationsView
	Organization  *OrganizationView
	Topics        *TopicsView
	Body          template.HTML // plain pages

	// Footer is the site's footer as the theme's site-footer partial
	// writes it from the SiteView, once per language: the same on every
	// page, it cost as much as a list of a dozen links written part by
	// part on each. "" for a theme without the partial.
	Footer template.HTML
}

// SiteView is the site as layouts see it.
type SiteView struct {
	Title       string
	Description string
	BaseURL     string
	Lang        string
	HomeURL     string      // the home page in Lang: "/", "/fr/"
	Kinds       []*KindView // every kind, for the pages that list them once (home, search, 404)
	// NavKinds are the kinds the navigation of every page lists: all of
	// them when there are at most MaxNavKinds, else the first
	// MaxNavKinds-1 and MoreKinds is the number of those left out, which
	// the home page lists. A page's size thus does not grow with the
	// number of kinds, nor the site's with its square.
	NavKinds    []*KindView
	MoreKinds   int
	Regions     []*RegionView
	FeedURL     string
	CalendarURL string
	FollowURL   string // the page that says how to follow the feed and the calendar
	SearchURL   string
	YearsURL    string
	RegionsURL  string
	Pages       []Link // plain pages with menu: true
	// OrganizationsURL and TopicsURL are the directory's and the topic
	// index's addresses; "" when the site has none.
	OrganizationsURL, TopicsURL string
}

// Alternate is a page in one of its languages.
type Alternate struct {
	Hreflang string // a language's code, or x-default
	URL      string // absolute
}

// LangLink is one language of the language switcher.
type LangLink struct {
	Lang    string
	Name    string // the language's name in itself: Français
	URL     string // site path
	Current bool   // the page's own language
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Label   string
	URL     string
	Current bool
}

// Link is a labelled site path.
type Link struct {
	Label string
	URL   string
}

// KindView is a kind with its URL and event count.
type KindView struct {
	Key, Name, Plural, Description, URL, Folder string
	Count                                       int
}

// RegionView is a region with its URL and event count.
type RegionView struct {
	Key, Name, Description, URL string
	Count                       int
}

// EventSummary is an event as lists show it.
type EventSummary struct {
	Title    string
	URL      string
	Date     time.Time
	EndDate  time.Time
	Location string
	Format   string
	Kind     *KindView
	Region   *RegionView
	Summary  string
	Draft    bool
	// Lang is set when the title and summary are not in the page's
	// language: a record without a translation into it, listed as it
	// is written and linking to its original's page. It is the
	// original's language, for lang= and the label that says so.
	Lang string
}

// EventView is an event page's content.
type EventView struct {
	EventSummary
	Topics []Link
	// Organizers link each organization of the directory to its page;
	// an organizer the directory does not know has no URL.
	Organizers []OrganizerLink
	Body       template.HTML
	Documents  []DocumentView
	Prev, Next *EventSummary
	ICSURL     string
	Year       Link
	// Upcoming is set when the event's last day is today or later (at
	// build time, Config.Today): the page then marks it, and offers
	// Registration and the ICSURL to add it to a calendar.
	Upcoming     bool
	Registration string // set only while Upcoming
	Time         *EventTime
	// Published is the day the record was added to the archive; zero
	// when its record does not say.
	Published time.Time
	// OriginalTitle is the original's title on a translation's page
	// whose title reads differently ("" otherwise), in OriginalLang.
	OriginalTitle, OriginalLang string
}

// OrganizerLink is an organizer of an event as its page names it: its
// name and the address of its page in the directory ("" for an
// organizer the directory does not know), and HTML, that link as the
// theme's organizer-link partial writes it, made once per organization
// and language ("" without the partial, or without an address).
type OrganizerLink struct {
	// Label and URL as a Link's; not an embedded Link, whose fields a
	// template would find through reflection's search of embedded
	// structs, at some allocations each.
	Label, URL string
	HTML       template.HTML
}

// EventTime is when an event starts and ends, as its page shows them:
// on the clock of the event's zone, which it names, with the exact
// instants in StartISO and EndISO for <time datetime>.
type EventTime struct {
	Start, End       string    // on the 24-hour clock: "14:00"
	StartISO, EndISO string    // "2026-03-12T14:00:00+01:00"
	StartDay, EndDay time.Time // the days, for an event over several days; zero otherwise
	Zone             string    // the IANA name: "Europe/Zurich"
	City             string    // the place that names the zone: "Zurich"; "" for UTC
	Abbr             string    // "CET"; "" where the zone has no letters for it
	Offset           string    // "UTC+1", "UTC+5:30", "UTC-4", "UTC"
}

// FollowView is the page that says how to follow the archive: its feed
// in a feed reader, its calendar in a calendar app.
type FollowView struct {
	FeedURL     string // absolute
	CalendarURL string // absolute, https
	// WebcalURL is the calendar's address with the webcal scheme, which
	// opens a subscription in calendar apps; built from the site's base
	// URL, which html/template would otherwise replace for its scheme.
	WebcalURL template.URL
}

// DocumentView is one document of an event.
type DocumentView struct {
	Title    string
	URL      string
	Type     string
	Size     int64 // 0 for links
	Lang     string
	External bool
}

// HomeView is the home page's content.
type HomeView struct {
	Intro    template.HTML
	Latest   []*EventSummary
	Upcoming []*EventSummary // the soonest MaxHomeUpcoming
	// MoreUpcoming is the number of upcoming events left out of Upcoming.
	MoreUpcoming int
	Years        []YearCount
	Total        int
}

// YearCount is a year with how many events it had.
type YearCount struct {
	Year  int
	URL   string
	Count int
	// HTML is the year as the theme's year-count partial writes it in a
	// list, on an organization's page ("" elsewhere, or without the
	// partial): made once per year and number, not once per organization.
	HTML template.HTML
}

// ListView is one page of an index: a year, a region or a kind.
type ListView struct {
	Heading     string
	Description string
	Kind        *KindView // set on kind indexes
	Region      *RegionView
	Topic       *TopicView // set on topic indexes
	Year        int
	Count       int         // the events of the whole index, on every page
	Groups      []YearGroup // the events of this page
	Pager       *Pager      // nil when the index fits on one page
}

// YearGroup is the events of one year, newest first.
type YearGroup struct {
	Year   int
	Events []*EventSummary
	// Items are Events as the index's item partial renders them
	// (event-item; organization-event-item on an organization's page,
	// topic-event-item on a topic's), each after a newline: what
	// {{range .Events}}{{"\n"}}{{template "event-item" .}}{{end}} writes,
	// made once per event and language rather than once per list. Empty
	// when the theme has no such partial.
	Items template.HTML
	// Continued is set on the first group of a page when the page before
	// ended in the same year: its heading says so.
	Continued bool
}

// Pager is the navigation between the pages of an index that does not fit
// on one (site.yaml's pagination.page_size).
type Pager struct {
	Page, Pages int // this page and how many there are, from 1
	// First and Last are the positions in the whole index, from 1, of
	// this page's first and last events.
	First, Last int
	Prev, Next  string // site paths; "" on the first and the last page
	// Items are the page numbers to show: the first and last pages, this
	// one and its neighbours, with a gap (Page 0) for each run of pages
	// left out, so that a pager of 100 pages stays a line long.
	Items []PagerItem
}

// PagerItem is a page number of a Pager, or a gap between two.
type PagerItem struct {
	Page    int // 0 for a gap
	URL     string
	Current bool
}

// YearsView is /years/: the chart and the list of years.
type YearsView struct {
	Years []YearCount
	Chart *chart.Chart
}

// RegionsView is /regions/: the chart and the list of regions.
type RegionsView struct {
	Regions []*RegionView
	Chart   *chart.Chart
}
