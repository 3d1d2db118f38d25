package content

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	// The zone database goes into every program that reads content, so
	// that a time: with a zone means the same on a machine without one
	// (Windows, a minimal container) as on a laptop. LoadLocation prefers
	// the system's database where there is one: see Event.Start.
	_ "time/tzdata"

	"go.yaml.in/yaml/v3"
)

// MaxRegistrationLength is the longest registration: address, in bytes,
// as for a document's url.
const MaxRegistrationLength = 2000

// timeRE is the shape of a time: value: two times of the 24-hour clock,
// a hyphen or an en dash between them, and the rest, the time zone.
var timeRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})(?:\s+(.*))?$`)

// clockRE finds what looks like a time of the clock, to say which one is
// out of range.
var clockRE = regexp.MustCompile(`\d{1,2}:\d{2}`)

const timeExample = "time: 14:00–16:00 Europe/Zurich"

// zoneAreas are the first elements of the zone names the IANA database
// gives to places. A name outside them ("posix/Europe/Zurich", "right/UTC")
// may exist in one system's database and not in another's or in the
// embedded one, and would make the build depend on the machine.
var zoneAreas = []string{"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc"}

// zoneSubAreas are the folders of zone names one level deeper, tried when
// a city is written without its area.
var zoneSubAreas = []string{"America/Argentina", "America/Indiana", "America/Kentucky", "America/North_Dakota"}

// cityZones maps places that have no zone of their own name to their zone:
// the database names a zone after one city of each region that shares a
// clock (Geneva keeps Zurich's time).
var cityZones = map[string]string{
	"geneva":     "Europe/Zurich",
	"geneve":     "Europe/Zurich",
	"genf":       "Europe/Zurich",
	"ginevra":    "Europe/Zurich",
	"ginebra":    "Europe/Zurich",
	"bern":       "Europe/Zurich",
	"berne":      "Europe/Zurich",
	"washington": "America/New_York",
	"the hague":  "Europe/Amsterdam",
	"la haye":    "Europe/Amsterdam",
	"bonn":       "Europe/Berlin",
	"nadi":       "Pacific/Fiji",
	"suva":       "Pacific/Fiji",
	"pretoria":   "Africa/Johannesburg",
	"san jose":   "America/Costa_Rica",
}

// decodeTime reads a time: value for an event whose first and last days
// are date and last (last is date for a one-day event). The start is on
// the first day, the end on the last: a two-day meeting from 14:00 on the
// first day to 12:00 on the second is "14:00–12:00" with its end_date.
func (d *decoder) decodeTime(v *yaml.Node, date, last time.Time) (start, end time.Time, ok bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		d.nodeErr(v, "time: expected the start and end times with the time zone, e.g. %s, found %s", timeExample, describe(v))
		return
	}
	s := strings.Join(strings.Fields(v.Value), " ")
	m := timeRE.FindStringSubmatch(s)
	if m == nil {
		if c := clockRE.FindString(s); c != "" && !validClock(c) {
			d.nodeErr(v, "time: %q is not a time of the 24-hour clock (00:00 to 23:59); write e.g. %s", c, timeExample)
			return
		}
		d.nodeErr(v, "time: %q is not a start and an end time; write both on the 24-hour clock, then the time zone, e.g. %s", s, timeExample)
		return
	}
	var hm [4]int
	for i := range hm {
		hm[i], _ = strconv.Atoi(m[i+1])
	}
	for _, c := range [][2]int{{hm[0], hm[1]}, {hm[2], hm[3]}} {
		if c[0] > 23 || c[1] > 59 {
			d.nodeErr(v, "time: %q is not a time of the 24-hour clock (00:00 to 23:59); write e.g. %s", fmt.Sprintf("%02d:%02d", c[0], c[1]), timeExample)
			return
		}
	}
	span := fmt.Sprintf("%02d:%02d–%02d:%02d", hm[0], hm[1], hm[2], hm[3])
	zone := strings.TrimSpace(m[5])
	if zone == "" {
		d.nodeErr(v, "time: %q gives no time zone; add the zone of the place whose clock the times are on, e.g. time: %s Europe/Zurich", s, span)
		return
	}
	loc, msg := loadZone(zone)
	if loc == nil {
		d.nodeErr(v, "time: %s", msg)
		return
	}
	if date.IsZero() {
		return // date is missing or wrong, and reported: there is no day to put the times on
	}
	start = time.Date(date.Year(), date.Month(), date.Day(), hm[0], hm[1], 0, 0, loc)
	end = time.Date(last.Year(), last.Month(), last.Day(), hm[2], hm[3], 0, 0, loc)
	switch {
	case end.Equal(start):
		d.nodeErr(v, "time: %q starts and ends at %02d:%02d; give the time the meeting ends too, e.g. %s", s, hm[0], hm[1], timeExample)
		return time.Time{}, time.Time{}, false
	case end.Before(start):
		d.nodeErr(v, "time: %q ends at %02d:%02d, before it starts at %02d:%02d; write the start first, e.g. %s (for a meeting past midnight, give end_date)", s, hm[2], hm[3], hm[0], hm[1], timeExample)
		return time.Time{}, time.Time{}, false
	}
	return start, end, true
}

func validClock(c string) bool {
	h, m, _ := strings.Cut(c, ":")
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return hh <= 23 && mm <= 59
}

// loadZone returns the zone named, or nil and what to write instead. Only
// the database's place names (Area/City) and UTC are taken: an
// abbreviation such as CET or EST, or an offset such as UTC+1, does not
// follow the place's summer time.
func loadZone(name string) (*time.Location, string) {
	area, _, slash := strings.Cut(name, "/")
	if name == "UTC" || slash && slices.Contains(zoneAreas, area) && zoneCased(name) {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, ""
		}
	}
	const how = "write the zone of the place as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva), Africa/Nairobi or America/New_York"
	if meant := zoneMeant(name); meant != "" {
		return nil, fmt.Sprintf("unknown time zone %q; did you mean %s? Zones are written as Area/City from the IANA time zone database, e.g. Europe/Zurich (for Geneva)", name, meant)
	}
	if !slash {
		return nil, fmt.Sprintf("time zone %q is not a place's zone: an abbreviation or an offset does not follow summer time; %s", name, how)
	}
	return nil, fmt.Sprintf("unknown time zone %q; %s", name, how)
}

// zoneCased reports whether every element of a zone name starts with a
// capital, as in the database. A file system that ignores case (macOS,
// Windows) would find "Europe/zurich" in the system's database, and the
// build would then depend on the machine; such names get "did you mean"
// instead. It also keeps out "." and ".." elements.
func zoneCased(name string) bool {
	for _, p := range strings.Split(name, "/") {
		if p == "" || p[0] < 'A' || p[0] > 'Z' {
			return false
		}
	}
	return true
}

// zoneMeant returns the zone name that an unknown one most likely means:
// a city written alone ("Nairobi"), in other capitals or with spaces
// ("america/new york"), or a place that keeps the time of a city that
// names the zone ("Geneva"); "" when none is found.
func zoneMeant(name string) string {
	if z, ok := cityZones[foldName(name)]; ok {
		return z
	}
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = zoneWord(p)
	}
	city := parts[len(parts)-1]
	if z, ok := cityZones[foldName(strings.ReplaceAll(city, "_", " "))]; ok {
		return z
	}
	try := func(n string) bool {
		area, _, _ := strings.Cut(n, "/")
		if !slices.Contains(zoneAreas, area) || n == name {
			return false
		}
		_, err := time.LoadLocation(n)
		return err == nil
	}
	if full := strings.Join(parts, "/"); len(parts) > 1 && try(full) {
		return full
	}
	if city == "" {
		return ""
	}
	for _, area := range append(append([]string(nil), zoneAreas[:len(zoneAreas)-1]...), zoneSubAreas...) {
		if n := area + "/" + city; try(n) {
			return n
		}
	}
	return ""
}

// zoneWord writes one element of a zone name as the database does:
// words capitalized and joined by underscores ("new york" → "New_York").
func zoneWord(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' })
	for i, w := range words {
		if w != "" && !strings.ContainsFunc(w, func(r rune) bool { return r > 0x7f }) {
			words[i] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
		}
	}
	return strings.Join(words, "_")
}

// decodeRegistration reads a registration: value, the full address of the
// page where readers register.
func (d *decoder) decodeRegistration(v *yaml.Node) string {
	s, ok := d.text("registration", v, 0)
	if !ok {
		return ""
	}
	if len(s) > MaxRegistrationLength {
		d.nodeErr(v, "registration is %d bytes long; the limit is %d", len(s), MaxRegistrationLength)
		return ""
	}
	if strings.HasPrefix(s, "/") || !goodURL(s) {
		hint := ""
		if !strings.Contains(s, "://") && !strings.HasPrefix(s, "/") && strings.Contains(s, ".") && !strings.ContainsAny(s, " \t") {
			hint = fmt.Sprintf(", e.g. registration: https://%s", s)
		}
		d.nodeErr(v, "registration: %q is not a web address; give the full address of the registration page, starting with https://%s", s, hint)
		return ""
	}
	return s
}
