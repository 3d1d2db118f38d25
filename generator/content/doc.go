// Package content reads an archive's content folder into its model: the
// site configuration (site.yaml), the events, the plain pages and the home
// page's intro.
//
// # Layout
//
//	site.yaml                       the site: title, base_url, language, theme, markdown,
//	                                attachments, pagination, kinds, regions,
//	                                organization_types, topics
//	_index.md                       the home page intro (front matter optional: title, summary)
//	<page>.md                       a plain page, e.g. about.md → /about/
//	<kind folder>/<slug>.md         one event
//	<kind folder>/<slug>/index.md   one event as a page bundle; every other file in the
//	                                folder is an attachment, copied beside the page
//	organizations/<key>.md          one organization of the directory (see Organizations);
//	                                no kind may use the folder organizations
//
// Files that editors and systems leave beside real ones (Ignored: hidden
// files, backups name~ and #name#, swap and temporary files such as
// .swp, .swo, .tmp, vim's 4913 and JetBrains' ___jb_tmp___) are not
// content: Load skips them, and the preview's watcher does not rebuild
// for them.
// Symbolic links are refused rather than followed, so nothing outside the
// content folder is ever read.
//
// # Kinds and regions
//
// site.yaml declares each kind with key, folder and name (required),
// plural and description, and past_only: true for a series whose records
// are all of meetings past (a series that ended): check warns about a
// date in the future on its records, which is a typo there, while other
// kinds announce events to come. Each region has a key and a name
// (required) and a description. Names, descriptions and order on the
// site come from site.yaml, never from code.
//
// # Attachments
//
// An attachment is a document for readers to open or download, published
// on the site's own origin, so only these types are allowed, each checked
// by its extension and by its first bytes (a ZIP's directory, for the
// Office formats):
//
//	.pdf                PDF (starts with %PDF-)
//	.doc .xls .ppt      Office 97–2003 (an OLE compound file)
//	.docx .xlsx .pptx   Office Open XML (a ZIP with [Content_Types].xml and word/, xl/ or ppt/)
//	.odt .ods .odp      OpenDocument (a ZIP whose first entry, mimetype, names the matching type)
//	.csv .txt           UTF-8 text without NUL bytes
//	.png .jpg .jpeg .gif .webp .avif   images, by their signatures
//
// Anything else is refused: HTML pages and scripts would run as part of
// the site, and so would SVG images, which can hold script; publish a chart
// as PNG instead. A .txt that holds HTML is allowed: it is served as text
// with nosniff and never runs. Each refusal is an error at the file, and at
// the document of the front matter that names it. An attachment larger
// than site.yaml's attachments.max_size_mb (DefaultMaxAttachmentMB, 50 MB,
// when not set; at most MaxAttachmentMB) is refused by its size, without
// being read:
//
//	attachments:
//	  max_size_mb: 50
//
// # Pagination
//
// An index (a year, a region, a kind) lists its events newest first, on
// pages of site.yaml's pagination.page_size events (DefaultPageSize, 100,
// when not set; from MinPageSize to MaxPageSize). Page 1 is at the index's
// own address, the next ones at <index>page/2/ and on; so no event of a
// kind may be named page (page.md or page/index.md), whose address is the
// folder of those pages.
//
//	pagination:
//	  page_size: 100
//
// # Event front matter
//
// EventFields holds this schema (key, required, form, one line of doc):
// the decoder's known and required keys and archive new's template
// (EventTemplate) are made from it, and a test holds this list and the
// README's table to it.
//
//	title       required, text, at most 200 characters
//	date        required, YYYY-MM-DD, the first day
//	end_date    optional, YYYY-MM-DD, the last day, not before date
//	time        optional, "HH:MM–HH:MM Area/City": when the event starts on its first day
//	            and ends on its last, on the 24-hour clock ("-" or "–" between the
//	            times), in the IANA time zone of the place (Europe/Zurich for Geneva;
//	            UTC is taken too, abbreviations such as CET and offsets are not); see
//	            Times below
//	location    required, text ("Online" for online events; "unknown" when no source
//	            states the place: Event.LocationUnknown is set and Location is "")
//	format      optional: in-person | online | hybrid
//	region      required, a region key from site.yaml
//	summary     required, plain text used in lists, search, feeds and meta tags
//	topics      optional list of topic keys: of site.yaml's topics: when it declares
//	            them (see Topics), else any lowercase-hyphenated keywords
//	organizers  optional list of organizations, each by the key, name, short name or
//	            an alias of an organization of the directory, or as plain text
//	            (see Organizations)
//	documents   optional list of {title, file | url, lang}; file is relative to the bundle
//	registration optional, the full http(s) address of the page where readers
//	            register, at most MaxRegistrationLength bytes; shown while the
//	            event is upcoming
//	published   optional, YYYY-MM-DD, the day the record was added to the archive
//	            (archive new fills it); the feed lists records by it
//	aliases     optional list of old site paths, which become redirects: each starts
//	            with one /, is ASCII (other characters percent-encoded), with no
//	            whitespace, control characters, ?, #, *, :, backslash, or . and ..
//	            segments, at most MaxAliasLength bytes
//	draft       optional boolean; drafts are built only with --drafts
//
// # Times
//
// Without time:, an event is made of whole days. With it, Event.Start is
// the start time on date and Event.End the end time on end_date (on date
// for a one-day event), both in the zone named: "time: 14:00–12:00
// Europe/Zurich" with end_date the next day is a meeting that runs
// overnight from 14:00 to noon. The end must come after the start. A zone
// is checked with time.LoadLocation: the zone database is embedded
// (time/tzdata), so a machine without one (Windows) reads the same zones,
// while LoadLocation prefers the system's database where there is one.
// Only the database's place names are taken (the first element one of its
// areas, each element capitalized as the database writes it), so that the
// result does not depend on the file system's handling of case or on a
// system's extra files. An unknown zone gets "did you mean" for a city
// written alone ("Nairobi" → Africa/Nairobi), in other capitals, or one
// that keeps another city's time ("Geneva" → Europe/Zurich).
//
// Plain pages take title (required), summary, weight (order), menu (listed in
// the navigation), aliases and draft.
//
// # Organizations
//
// The directory of organizations is content/organizations/, one <key>.md
// per organization; the key (the file name, a slug) names its page.
// site.yaml's organization_types: (key, name, description; at most
// MaxOrganizationTypes) groups the directory, in its order. The front
// matter of an organization:
//
//	name        required, text
//	short_name  optional, the acronym (ICVA)
//	aliases     optional list of the other spellings records use for it
//	            (at most MaxOrganizationAliases)
//	url         optional, the full http(s) address of its website
//	type        required, a key of site.yaml's organization_types
//	region      optional, a region key from site.yaml
//	summary     required, plain text
//
// and its body says who they are, with sources. Each entry of an event's
// organizers: names an organization by its key, its name, its short name
// or an alias, compared without case, accents, typographic quotes or
// repeated spaces; a key written exactly names its organization even where
// another has that spelling as an alias. An entry that names two
// organizations is an error, and so is one organization named twice in a
// list. An entry that names none is shown as plain text, and is a
// warning, with "did you mean" (for the first MaxOrganizerHints
// spellings), while the archive has a directory: a site without
// content/organizations/ lists its organizers as plain text, as before.
// Event.ResolvedOrganizers holds every entry with its organization, or
// none; Organization.Events the events that name it.
//
// # Topics
//
// site.yaml's topics: (key, name, description; at most MaxTopics) is the
// topic vocabulary, in its order. When it is declared, a record's topics
// are keys of it, and an unknown one is an error with the key it most
// likely means (a name written for its key, a misspelling, a last word
// changed). A site.yaml without topics: takes any topic written as a
// lowercase-hyphenated key, as before; "topics: []" is refused rather than
// read as a vocabulary that refuses every topic.
//
// # Languages and translations
//
// site.yaml lists the site's languages, the default first; the default
// language's pages are at the site's root, every other language's under
// /<code>/. A site in one language may say language: instead; giving
// both is an error, and so is a code that is not a BCP 47 tag in its
// usual form ("fr", "pt-BR"), a code listed twice, more than
// MaxLanguages, or a language whose folder is a kind's folder:
//
//	languages: [en, fr, es]
//
// Every name a reader sees (title and description; a kind's name, plural
// and description; a region's, a topic's and an organization type's name
// and description) is one string, the same in every language, or a map
// by language that gives every language listed (Text; Site.TitleIn,
// Kind.PluralIn, Region.NameIn, Topic.NameIn, OrganizationType.NameIn...):
//
//	title: {en: Consultations Archive, fr: Archives des consultations, es: Archivo de las consultas}
//
// A translation is a file beside its original named after it and the
// language: <slug>.<lang>.md, index.<lang>.md in a page bundle,
// <page>.<lang>.md and _index.<lang>.md. It holds what reads differently
// and nothing else; the facts (date, region, topics, organizers, format,
// aliases, draft and every other key of the original) are the original's
// in every language, and a translation that gives one is an error at the
// key:
//
//	title           required (not for _index.<lang>.md)
//	summary         required in the translation of a record
//	location        optional; the original's when not given
//	documents       optional, a record's: for each document translated, the
//	                original's file: or url: (which says which document; an
//	                entry that names no document of the original is an
//	                error) and the translated title:. Matching by file or
//	                url rather than by position keeps a translation right
//	                when documents are added to the original or reordered.
//	translation_of  the digest of the original's text the translation was
//	                made from (below)
//
// The body is the translated text. A translation is read with its own
// positions (Translation.BodyLine), so its errors name its own file and
// line. It is an error when its original does not exist (or is a bundle
// and the translation is not in it), when its language is not listed in
// site.yaml (x.fr.md on a site in English only says so: a dot in a name
// marks a translation, never a part of a slug) or is the default
// language. A translation goes where its original goes: the translations
// of a draft are drafts too.
//
// An organization of the directory translates the same way:
// organizations/<key>.<lang>.md gives
//
//	name            optional; the original's when not given (an
//	                organization's name is a fact of it: give one only
//	                where the organization has a name of its own in the
//	                language, "Organisation internationale pour les
//	                migrations")
//	short_name      optional; the original's when not given (OIM)
//	summary         required
//	translation_of  as for a record
//
// and the translated body; url, type, region and aliases are the
// original's, and an error in a translation, like a record's facts. The
// spellings records' organizers: resolve to are the original's name,
// short name, aliases and key only: a translation's names are shown and
// searched in its language, never matched.
//
// Translations are attached to their original (Event.Translations,
// Page.Translations, Organization.Translations, by language) and never
// listed in Archive.Events, Pages or Organizations; Event.In(lang),
// Page.In(lang) and Organization.In(lang) give the text in a language,
// the original's when there is no translation (Localized.Translated says
// which), and Localized.DocumentTitle a document's title.
//
// Whether a translation is up to date is told without version control:
// Event.TranslationDigest is a digest of the original's translatable text
// (title, summary, location, body, each document's title with its file or
// url; no fact), which archive new --translate writes as translation_of:
// (Page.TranslationDigest and Organization.TranslationDigest the same for
// a page and an organization: name, short name, summary, body).
// Archive.StaleTranslations warns, at translation_of:, for each
// translation whose digest is no longer the original's; a translation
// without one is not reported. After bringing a translation up to date,
// write the digest the warning gives.
//
// # Errors
//
// Every problem is an *Error with the file, line and column an editor can
// open, in the file's own numbering: the front matter is decoded through
// yaml.Node and its positions are shifted by the lines before it. Unknown
// keys get a "did you mean" hint. Load collects every problem of every file
// instead of stopping at the first.
//
// A YAML syntax error is reported where the author has to act, with what
// to write instead, rather than where the parser noticed it:
//
//	a value that holds ": ", or starts with @ ` % & * ! | > [ { "- " "? ",
//	  must be quoted            title: "Labour migration: skills"
//	a quote left open           at the opening quote, with the line closed
//	an apostrophe in '…'        title: "Women's rights" or 'Women''s rights'
//	text after a closing quote  the whole value in quotes
//	a key out of line           line it up under the first key after "- "
//	a list item out of line     line its "-" up with the item above
//	a list on its key's line    organizers: [IOM]
//	a [list] left open, a comma missing, a "]" too many
//	a backslash in "…"          single quotes, or \\
//	a line that is not "key: value": a colon or its space missing, text
//	  meant to continue the value above, "* " for "- "
//	an invisible control character
//
// Messages repeat at most 80 characters of a value, cut with "…". Anything
// else keeps the parser's words, at the first line that fails to parse.
//
// # Limits
//
// A Markdown file may be at most MaxFileSize bytes and its front matter
// MaxFrontMatterSize; YAML aliases and merge keys are refused, which also
// defuses alias bombs. Files with NUL bytes or invalid UTF-8 are refused with
// the position of the first bad byte; so are the line breaks YAML alone
// counts (U+0085, U+2028, U+2029) in front matter, since they would shift
// every later position. Symbolic links, named pipes and devices are never
// opened, and names that Windows cannot check out (CON, aux.pdf, COM¹.txt,
// CONIN$, a:b.pdf) are refused. Every name becomes a file of the built
// site, so slugs have at most MaxSlugLength characters, names inside a
// bundle at most MaxNameBytes bytes and MaxBundleDepth folders, and paths
// at most MaxPathBytes: check and build refuse the same names. site.yaml
// declares at most MaxKinds kinds and MaxRegions regions, pages of
// MinPageSize to MaxPageSize events (see Pagination), and is one YAML
// document, as front matter is. Attachments are limited in type and size
// (see Attachments) and never read whole: only their first bytes are read
// to tell their type. docs/content-limits.md lists every limit.
package content
