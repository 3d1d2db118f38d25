package content

import (
	"strings"
	"testing"
	"time"
)

// withKeys is the good record with lines added after its summary (line 7
// onwards).
func withKeys(lines ...string) string {
	return strings.Replace(good, "summary: S.\n", "summary: S.\n"+strings.Join(lines, "\n")+"\n", 1)
}

// TestTimeRegistrationPublished: time:, registration: and published: as
// authors write them, right and wrong; every mistake is one message at
// its value, saying what to write.
func TestTimeRegistrationPublished(t *testing.T) {
	const file = "content/annual-consultations/2013-x.md:"
	tests := []struct {
		name  string
		lines []string
		// start and end in RFC 3339, "" for no time
		start, end string
		reg        string
		published  string
		err        string
	}{
		{name: "time in summer", lines: []string{"time: 14:00–16:00 Europe/Zurich"},
			start: "2013-09-12T14:00:00+02:00", end: "2013-09-12T16:00:00+02:00"},
		{name: "hyphen, spaces, one-digit hour", lines: []string{"time: 9:30 - 11:00 Africa/Nairobi"},
			start: "2013-09-12T09:30:00+03:00", end: "2013-09-12T11:00:00+03:00"},
		{name: "UTC", lines: []string{`time: "14:00-16:00 UTC"`},
			start: "2013-09-12T14:00:00Z", end: "2013-09-12T16:00:00Z"},
		{name: "over two days: start on date, end on end_date", lines: []string{"end_date: 2013-09-13", "time: 14:00–12:00 America/New_York"},
			start: "2013-09-12T14:00:00-04:00", end: "2013-09-13T12:00:00-04:00"},
		{name: "registration and published", lines: []string{"registration: https://www.iom.int/register?s=1", "published: 2026-01-10"},
			reg: "https://www.iom.int/register?s=1", published: "2026-01-10"},

		{name: "not a span", lines: []string{"time: 2pm to 4pm Europe/Zurich"},
			err: `7:7: time: "2pm to 4pm Europe/Zurich" is not a start and an end time; write both on the 24-hour clock, then the time zone, e.g. time: 14:00–16:00 Europe/Zurich`},
		{name: "one time only", lines: []string{"time: 14:00 Europe/Zurich"},
			err: `7:7: time: "14:00 Europe/Zurich" is not a start and an end time; write both on the 24-hour clock, then the time zone, e.g. time: 14:00–16:00 Europe/Zurich`},
		{name: "hour out of range", lines: []string{"time: 14:00–24:00 Europe/Zurich"},
			err: `7:7: time: "24:00" is not a time of the 24-hour clock (00:00 to 23:59); write e.g. time: 14:00–16:00 Europe/Zurich`},
		{name: "minutes out of range", lines: []string{"time: 14:60 to 16:00 Europe/Zurich"},
			err: `7:7: time: "14:60" is not a time of the 24-hour clock (00:00 to 23:59); write e.g. time: 14:00–16:00 Europe/Zurich`},
		{name: "no zone", lines: []string{"time: 14:00 – 16:00"},
			err: `7:7: time: "14:00 – 16:00" gives no time zone; add the zone of the place whose clock the times are on, e.g. time: 14:00–16:00 Europe/Zurich`},
		{name: "a city without a zone of its name", lines: []string{"time: 14:00–16:00 Geneva"},
			err: `7:7: time: unknown time zone "Geneva"; did you mean Europe/Zurich? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)`},
		{name: "Europe/Geneva", lines: []string{"time: 14:00–16:00 Europe/Geneva"},
			err: `7:7: time: unknown time zone "Europe/Geneva"; did you mean Europe/Zurich? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)`},
		{name: "a city alone", lines: []string{"time: 10:00–12:00 Nairobi"},
			err: `7:7: time: unknown time zone "Nairobi"; did you mean Africa/Nairobi? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)`},
		{name: "small letters and a space", lines: []string{"time: 10:00–12:00 america/new york"},
			err: `7:7: time: unknown time zone "america/new york"; did you mean America/New_York? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)`},
		{name: "abbreviation", lines: []string{"time: 10:00–12:00 CET"},
			err: `7:7: time: time zone "CET" is not a place's zone: an abbreviation or an offset does not follow summer time; write the zone of the place as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva), Africa/Nairobi or America/New_York`},
		{name: "offset", lines: []string{"time: 10:00–12:00 UTC+1"},
			err: `7:7: time: time zone "UTC+1" is not a place's zone: an abbreviation or an offset does not follow summer time; write the zone of the place as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva), Africa/Nairobi or America/New_York`},
		{name: "unknown zone", lines: []string{"time: 10:00–12:00 Mars/Olympus_Mons"},
			err: `7:7: time: unknown time zone "Mars/Olympus_Mons"; write the zone of the place as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva), Africa/Nairobi or America/New_York`},
		{name: "a path of the system's database", lines: []string{"time: 10:00–12:00 posix/Europe/Zurich"},
			err: `7:7: time: unknown time zone "posix/Europe/Zurich"; did you mean Europe/Zurich? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)`},
		{name: "small letters in a place's zone", lines: []string{"time: 10:00–12:00 Europe/zurich"},
			err: `7:7: time: unknown time zone "Europe/zurich"; did you mean Europe/Zurich? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)`},
		{name: "end before start", lines: []string{"time: 16:00–14:00 Europe/Zurich"},
			err: `7:7: time: "16:00–14:00 Europe/Zurich" ends at 14:00, before it starts at 16:00; write the start first, e.g. time: 14:00–16:00 Europe/Zurich (for a meeting past midnight, give end_date)`},
		{name: "end at start", lines: []string{"time: 14:00–14:00 Europe/Zurich"},
			err: `7:7: time: "14:00–14:00 Europe/Zurich" starts and ends at 14:00; give the time the meeting ends too, e.g. time: 14:00–16:00 Europe/Zurich`},
		{name: "a list", lines: []string{"time: [14:00, 16:00]"},
			err: `7:7: time: expected the start and end times with the time zone, e.g. time: 14:00–16:00 Europe/Zurich, found a list`},
		{name: "registration without scheme", lines: []string{"registration: www.iom.int/register"},
			err: `7:15: registration: "www.iom.int/register" is not a web address; give the full address of the registration page, starting with https://, e.g. registration: https://www.iom.int/register`},
		{name: "registration as a site path", lines: []string{"registration: /register/"},
			err: `7:15: registration: "/register/" is not a web address; give the full address of the registration page, starting with https://`},
		{name: "registration too long", lines: []string{"registration: https://x.example/" + strings.Repeat("a", 2000)},
			err: `7:15: registration is 2018 bytes long; the limit is 2000`},
		{name: "published not a date", lines: []string{"published: 12 March 2026"},
			err: `7:12: published: "12 March 2026" is not a date; write it as YYYY-MM-DD, e.g. 2013-09-12`},
		{name: "published not a day", lines: []string{"published: 2026-02-30"},
			err: `7:12: published: "2026-02-30" is not a real day of the calendar`},
		{name: "key misspelt", lines: []string{"registation: https://www.iom.int/"},
			err: `7:1: unknown key "registation"; did you mean "registration"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, errs := load(t, map[string]string{"annual-consultations/2013-x.md": withKeys(tt.lines...)})
			if tt.err != "" {
				if got, want := problems(errs), file+tt.err; got != want {
					t.Errorf("got:\n%s\nwant:\n%s", got, want)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("unexpected problems:\n%s", problems(errs))
			}
			e := a.Events[0]
			rfc := func(tm time.Time) string {
				if tm.IsZero() {
					return ""
				}
				return tm.Format(time.RFC3339)
			}
			if rfc(e.Start) != tt.start || rfc(e.End) != tt.end || e.HasTime() != (tt.start != "") {
				t.Errorf("start %q end %q (HasTime %v), want %q and %q", rfc(e.Start), rfc(e.End), e.HasTime(), tt.start, tt.end)
			}
			if e.Registration != tt.reg {
				t.Errorf("registration %q, want %q", e.Registration, tt.reg)
			}
			if got := e.Published.Format("2006-01-02"); (tt.published == "") != e.Published.IsZero() || tt.published != "" && got != tt.published {
				t.Errorf("published %v, want %q", e.Published, tt.published)
			}
		})
	}
}

// TestTimeZoneNamed: the zone of a time is the one named, so that the
// page can name it, and its rules (summer time) apply on the day.
func TestTimeZoneNamed(t *testing.T) {
	a, errs := load(t, map[string]string{"annual-consultations/2013-x.md": strings.Replace(withKeys("time: 14:00–16:00 Europe/Zurich"), "2013-09-12", "2013-01-10", 1)})
	if len(errs) > 0 {
		t.Fatal(problems(errs))
	}
	e := a.Events[0]
	if e.Start.Location().String() != "Europe/Zurich" {
		t.Errorf("zone %q, want Europe/Zurich", e.Start.Location())
	}
	if name, off := e.Start.Zone(); name != "CET" || off != 3600 {
		t.Errorf("zone in January %s %+d, want CET +3600", name, off)
	}
}

// TestTimeWithoutDate: a time with no day to put it on reports the date,
// once, and no time.
func TestTimeWithoutDate(t *testing.T) {
	src := strings.Replace(withKeys("time: 14:00–16:00 Europe/Zurich"), "date: 2013-09-12\n", "", 1)
	_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": src})
	if got, want := problems(errs), `content/annual-consultations/2013-x.md:2:1: required key "date" is missing`; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
