package taxonomy

import (
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/content"
)

func TestGroupings(t *testing.T) {
	site := &content.Site{
		Kinds:   []*content.Kind{{Key: "a", Folder: "a"}, {Key: "b", Folder: "b"}, {Key: "empty", Folder: "e"}},
		Regions: []*content.Region{{Key: "global"}, {Key: "africa"}},
	}
	ev := func(slug, date, kind, region string) *content.Event {
		d, _ := time.Parse("2006-01-02", date)
		k, r := site.KindByKey(kind), site.RegionByKey(region)
		return &content.Event{Slug: slug, Date: d, Kind: k, Region: r}
	}
	events := []*content.Event{
		ev("x", "2013-09-12", "a", "global"),
		ev("z", "2017-08-04", "b", "africa"),
		ev("y", "2017-08-04", "a", "africa"),
		ev("w", "2015-01-01", "b", "global"),
	}
	slugs := func(es []*content.Event) string {
		s := ""
		for _, e := range es {
			s += e.Slug
		}
		return s
	}
	if got := slugs(NewestFirst(events)); got != "yzwx" {
		t.Errorf("NewestFirst = %s, want yzwx (same day: kind folder, then slug)", got)
	}
	years := ByYear(events)
	if len(years) != 3 || years[0].Year != 2017 || slugs(years[0].Events) != "yz" || years[2].Year != 2013 {
		t.Errorf("ByYear wrong: %+v", years)
	}
	kinds := ByKind(site, events)
	if len(kinds) != 3 || slugs(kinds[0].Events) != "yx" || slugs(kinds[1].Events) != "zw" || len(kinds[2].Events) != 0 {
		t.Error("ByKind wrong")
	}
	regions := ByRegion(site, events)
	if slugs(regions[0].Events) != "wx" || slugs(regions[1].Events) != "yz" {
		t.Error("ByRegion wrong")
	}
	if span := YearSpan(events); len(span) != 5 || span[0] != 2013 || span[4] != 2017 {
		t.Errorf("YearSpan = %v", span)
	}
	if YearSpan(nil) != nil {
		t.Error("YearSpan(nil) not nil")
	}
}
