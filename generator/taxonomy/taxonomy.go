// Package taxonomy groups events by year, region and kind. The groupings
// are pure functions of their input and stable: groups come in the order of
// site.yaml (kinds, regions) or of time (years), and events within a group
// newest first, ties broken by kind folder and slug.
package taxonomy

import (
	"cmp"
	"slices"
	"strings"

	"github.com/iom-cso/archive/generator/content"
)

// Group is a set of events sharing a year, a region or a kind.
type Group struct {
	Year   int             // for year groups
	Region *content.Region // for region groups
	Kind   *content.Kind   // for kind groups
	Events []*content.Event
}

// NewestFirst returns the events sorted newest first, without changing the input.
func NewestFirst(events []*content.Event) []*content.Event {
	if out, ok := reverseDays(events); ok {
		return out
	}
	out := append([]*content.Event(nil), events...)
	slices.SortStableFunc(out, newer)
	return out
}

// newer is the order of NewestFirst: date descending, then kind folder and
// slug ascending.
func newer(a, b *content.Event) int {
	return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Kind.Folder, b.Kind.Folder), strings.Compare(a.Slug, b.Slug))
}

// reverseDays is NewestFirst in one pass for events already in the order
// content.Load gives them (date ascending, then kind folder and slug, and
// every key distinct): the days in reverse order, each day's events in the
// order they have. It reports false for events in any other order.
func reverseDays(events []*content.Event) ([]*content.Event, bool) {
	for i := 1; i < len(events); i++ {
		a, b := events[i-1], events[i]
		if !a.Date.Equal(b.Date) {
			if !a.Date.Before(b.Date) {
				return nil, false
			}
		} else if a.Kind.Folder > b.Kind.Folder || a.Kind.Folder == b.Kind.Folder && a.Slug >= b.Slug {
			return nil, false
		}
	}
	out := make([]*content.Event, 0, len(events))
	for end := len(events); end > 0; {
		start := end - 1
		for start > 0 && events[start-1].Date.Equal(events[end-1].Date) {
			start--
		}
		out = append(out, events[start:end]...)
		end = start
	}
	return out, true
}

// ByYear groups events by the year of their date, the newest year first.
func ByYear(events []*content.Event) []*Group {
	m := map[int]*Group{}
	for _, e := range events {
		y := e.Date.Year()
		if m[y] == nil {
			m[y] = &Group{Year: y}
		}
		m[y].Events = append(m[y].Events, e)
	}
	out := make([]*Group, 0, len(m))
	for _, g := range m {
		g.Events = NewestFirst(g.Events)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b *Group) int { return cmp.Compare(b.Year, a.Year) })
	return out
}

// ByRegion groups events by region, one group per region of site.yaml in
// its order, empty regions included.
func ByRegion(site *content.Site, events []*content.Event) []*Group {
	return groupBy(site.Regions, events,
		func(r *content.Region) *Group { return &Group{Region: r} },
		func(r *content.Region) string { return r.Key },
		func(e *content.Event) string { return e.Region.Key })
}

// ByKind groups events by kind, one group per kind of site.yaml in its
// order, empty kinds included.
func ByKind(site *content.Site, events []*content.Event) []*Group {
	return groupBy(site.Kinds, events,
		func(k *content.Kind) *Group { return &Group{Kind: k} },
		func(k *content.Kind) string { return k.Key },
		func(e *content.Event) string { return e.Kind.Key })
}

// groupBy makes one group per declared key, in the order declared, and
// puts each event in the group its key names, newest first.
func groupBy[T any](declared []T, events []*content.Event, group func(T) *Group, key func(T) string, eventKey func(*content.Event) string) []*Group {
	out := make([]*Group, len(declared))
	idx := make(map[string]int, len(declared))
	for i, d := range declared {
		out[i] = group(d)
		idx[key(d)] = i
	}
	for _, e := range events {
		if i, ok := idx[eventKey(e)]; ok {
			out[i].Events = append(out[i].Events, e)
		}
	}
	for _, g := range out {
		g.Events = NewestFirst(g.Events)
	}
	return out
}

// YearSpan returns every year from the first to the last event, gaps
// included, oldest first; nil when there are no events.
func YearSpan(events []*content.Event) []int {
	if len(events) == 0 {
		return nil
	}
	lo, hi := events[0].Date.Year(), events[0].Date.Year()
	for _, e := range events {
		lo, hi = min(lo, e.Date.Year()), max(hi, e.Date.Year())
	}
	var out []int
	for y := lo; y <= hi; y++ {
		out = append(out, y)
	}
	return out
}
