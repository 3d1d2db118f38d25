package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/go-cmp/cmp"
)

// timedEntry is an online session with times in Geneva's zone and a
// registration page.
func timedEntry(t *testing.T) Entry {
	t.Helper()
	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Fatal(err)
	}
	return Entry{
		ID:                TagURI("iom-cso-archive", 2026, "information-sessions/2026-03-12-labour"),
		URL:               "https://archive.example.org/information-sessions/2026-03-12-labour/",
		Title:             "Labour migration",
		Summary:           "An information session.",
		Start:             day(2026, time.March, 12),
		StartTime:         time.Date(2026, time.March, 12, 14, 0, 0, 0, zurich),
		EndTime:           time.Date(2026, time.March, 12, 16, 0, 0, 0, zurich),
		Location:          "Online",
		Online:            true,
		Registration:      "https://www.iom.int/register?session=12",
		RegistrationLabel: "Register",
		Updated:           midnight(day(2026, time.February, 1)),
		Published:         midnight(day(2026, time.February, 1)),
	}
}

// TestICSTimes: an entry with times gets DTSTART and DTEND as UTC
// date-times, which every calendar shows in its reader's own zone, and
// the registration page in its DESCRIPTION; golang-ical reads them back
// as the same instants.
func TestICSTimes(t *testing.T) {
	e := timedEntry(t)
	got := unfold(t, eventICS(testCal, e))
	want := []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//IOM-CSO//archive test//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VEVENT",
		"UID:information-sessions/2026-03-12-labour@iom-cso-archive",
		"DTSTAMP:20260201T000000Z",
		"DTSTART:20260312T130000Z",
		"DTEND:20260312T150000Z",
		"SUMMARY:Labour migration",
		`DESCRIPTION:An information session.\n\nRegister: https://www.iom.int/register?session=12\n\nhttps://archive.example.org/information-sessions/2026-03-12-labour/`,
		"LOCATION:Online",
		"URL:https://archive.example.org/information-sessions/2026-03-12-labour/",
		"STATUS:CONFIRMED",
		"TRANSP:TRANSPARENT",
		"END:VEVENT",
		"END:VCALENDAR",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("content lines (-want +got):\n%s", diff)
	}

	cal, err := ics.ParseCalendar(bytes.NewReader(calendarICS(testCal, []Entry{e, fixture()[0]})))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	start, err := evs[0].GetStartAt()
	if err != nil || !start.Equal(e.StartTime) {
		t.Errorf("DTSTART read as %v (%v), want %v", start, err, e.StartTime)
	}
	end, err := evs[0].GetEndAt()
	if err != nil || !end.Equal(e.EndTime) {
		t.Errorf("DTEND read as %v (%v), want %v", end, err, e.EndTime)
	}
	if _, err := evs[0].GetAllDayStartAt(); err != nil {
		t.Errorf("DTSTART: %v", err)
	}
	// An entry without times stays all-day.
	if p := evs[1].GetProperty(ics.ComponentPropertyDtStart); p == nil || strings.Join(p.ICalParameters["VALUE"], "") != "DATE" {
		t.Errorf("entry without times: DTSTART %+v, want VALUE=DATE", p)
	}
}

// TestAtomPublished: an entry's published element is the day it was
// added when given, else its start; updated is Updated.
func TestAtomPublished(t *testing.T) {
	e := timedEntry(t)
	old := fixture()[2] // no Published, no Updated
	f := parseAtom(t, Atom(testMeta, []Entry{e, old}))
	if len(f.Entries) != 2 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	if got := f.Entries[0].Published; got != "2026-02-01T00:00:00Z" {
		t.Errorf("published %q, want the day added, 2026-02-01T00:00:00Z", got)
	}
	if got := f.Entries[1].Published; got != "2013-09-12T00:00:00Z" {
		t.Errorf("published %q, want the start, 2013-09-12T00:00:00Z", got)
	}
	if got := f.Updated; got != "2026-02-01T00:00:00Z" {
		t.Errorf("feed updated %q, want the latest entry's", got)
	}
}
