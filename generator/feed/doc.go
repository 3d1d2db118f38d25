// Package feed writes the machine-readable views of the archive: an Atom
// feed, a sitemap, robots.txt and iCalendar files. Every function is pure:
// the same input gives the same bytes, nothing reads the clock, and the
// output order is the input order.
//
// The package has its own plain input types so that it does not depend on
// the content model; the generator maps its events onto [Entry] values.
//
// # Atom
//
// [Atom] writes an RFC 4287 feed document in UTF-8:
//
//   - the feed carries xml:lang (from [FeedMeta].Lang), id, title, an
//     optional subtitle, updated, a rel="self" link to the feed, a
//     rel="alternate" link to the site and one author;
//   - feed updated is the latest of [FeedMeta].Updated and every entry's
//     updated time;
//   - each entry carries id, title, updated, published ([Entry].Published,
//     or the start date at 00:00 UTC), a rel="alternate" link to the event page, one author per
//     organizer (entries without organizers inherit the feed author, as
//     RFC 4287 §4.2.1 allows), one category per category (empty ones and
//     exact duplicates dropped), the summary as type="text" and, when
//     [Entry].Content is not empty, the body as type="html" escaped
//     content.
//
// Times are written as RFC 3339 in UTC. Missing values fall back in a
// documented, deterministic way: an entry without an id uses its URL, an
// entry without an updated time uses its start date, the feed id falls back
// to the feed URL and then to the site URL, and the feed author falls back
// to the feed title.
//
// All text is cleaned before it is escaped: CRLF and CR become LF, invalid
// UTF-8 becomes U+FFFD, and characters XML 1.0 forbids or discourages (C0
// controls other than tab and newline, DEL, C1 controls, U+FFFE, U+FFFF) are
// removed. Then &, <, >, " and ' are written as entity references, so a
// title such as "<script>" never appears raw in the output.
//
// # Sitemap and robots.txt
//
// [Sitemap] writes a sitemaps.org 0.9 urlset with one url per
// [SitemapURL], in the order given. Locations are percent-encoded where the
// protocol requires it (spaces, non-ASCII, "<>\"{}|\\^`") and then
// entity-escaped; lastmod is written as YYYY-MM-DD when set. The protocol
// allows at most 50,000 URLs and 50 MB per file; splitting larger sites is
// the caller's job. [Robots] writes robots.txt, either allowing everything
// or, for deploy previews, disallowing everything, with an optional Sitemap
// line.
//
// # iCalendar
//
// [ICSOf] writes an RFC 5545 VCALENDAR (VERSION:2.0, PRODID, CALSCALE,
// METHOD:PUBLISH, X-WR-CALNAME and the RFC 7986 NAME, DESCRIPTION and URL
// when set) with one VEVENT per entry ([VEvent]): all-day, or with times
// when the entry has them. [EventICSOf] writes a one-event
// calendar for "Add to calendar" links; it leaves out the calendar name and
// description, because several clients (Outlook among them) treat a file
// with X-WR-CALNAME as a new calendar to subscribe to rather than an event
// to add.
//
// Each VEVENT has UID, DTSTAMP, DTSTART;VALUE=DATE, DTEND;VALUE=DATE,
// SUMMARY, DESCRIPTION, LOCATION, URL, CATEGORIES, STATUS:CONFIRMED and
// TRANSP:TRANSPARENT. DTEND is the day after the last day, because an
// all-day DTEND is exclusive: an event on 2017-08-04 and 2017-08-05 has
// DTEND;VALUE=DATE:20170806. An entry with [Entry].StartTime and EndTime
// has DTSTART and DTEND as UTC date-times instead (20260312T130000Z):
// valid everywhere without a VTIMEZONE, and shown by every client in its
// reader's zone. DTSTAMP is [Entry].Updated in UTC (the start date when
// Updated is zero), never the time of the build. DESCRIPTION is the
// summary, a blank line and the URL, with the registration line
// ("Register: https://…") between them when [Entry].Registration is set.
// LOCATION is "Online" for online events.
//
// Lines end in CRLF and are folded so that no line exceeds 75 octets; a fold
// never splits a UTF-8 sequence or a backslash escape, and continuation
// lines start with one space. TEXT values escape backslash, semicolon, comma
// and newline; control characters other than tab are removed. URL values
// are percent-encoded like sitemap locations and are not TEXT-escaped.
//
// # Stable identifiers
//
// Atom ids are the caller's [Entry].ID; [TagURI] builds RFC 4151 tag URIs
// such as "tag:iom-cso-archive,2013:annual-consultations/2013-migrants" that
// survive a change of domain. iCalendar UIDs, made by [UID], have the form
// "path@host": path is the path of [Entry].URL without its surrounding
// slashes (for example "annual-consultations/2013-migrants"), host is
// [Calendar].Host
// (or the host of [Calendar].URL when Host is empty). The scheme and host of
// the entry URL play no part, so a deploy preview and the production site
// give the same UIDs. When the URL has no path, or its path holds characters
// other than ASCII letters, digits and "-._~/", the path is replaced by the
// first 32 hex digits of the SHA-256 of the entry id (or URL), which is
// equally stable.
package feed
