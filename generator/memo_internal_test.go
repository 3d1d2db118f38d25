package generator

import (
	"reflect"
	"testing"
	"time"
)

// TestSummaryDigestCoversEventSummary: changing any field of an
// EventSummary changes summaryDigest, so that what lists show cannot
// change under an unchanged memo key. A field added to EventSummary fails
// this test until summaryDigest (and the list below) covers it.
func TestSummaryDigestCoversEventSummary(t *testing.T) {
	day := time.Date(2013, 9, 12, 0, 0, 0, 0, time.UTC)
	base := EventSummary{Title: "T", URL: "/a/t/", Date: day, EndDate: day.AddDate(0, 0, 1), Location: "Geneva", Format: "online",
		Kind: &KindView{Key: "k"}, Region: &RegionView{Key: "r"}, Summary: "S"}
	variants := map[string]func(*EventSummary){
		"Title":    func(s *EventSummary) { s.Title = "U" },
		"URL":      func(s *EventSummary) { s.URL = "/a/u/" },
		"Date":     func(s *EventSummary) { s.Date = day.AddDate(0, 0, -1) },
		"EndDate":  func(s *EventSummary) { s.EndDate = day.AddDate(0, 0, 2) },
		"Location": func(s *EventSummary) { s.Location = "Bern" },
		"Format":   func(s *EventSummary) { s.Format = "hybrid" },
		"Kind":     func(s *EventSummary) { s.Kind = &KindView{Key: "k2"} },
		"Region":   func(s *EventSummary) { s.Region = &RegionView{Key: "r2"} },
		"Summary":  func(s *EventSummary) { s.Summary = "S2" },
		"Draft":    func(s *EventSummary) { s.Draft = true },
		"Lang":     func(s *EventSummary) { s.Lang = "en" },
	}
	typ := reflect.TypeFor[EventSummary]()
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		vary, ok := variants[name]
		if !ok {
			t.Errorf("EventSummary.%s is not varied here: add it to summaryDigest and to this test", name)
			continue
		}
		s := base
		vary(&s)
		if summaryDigest(&s) == summaryDigest(&base) {
			t.Errorf("a change of EventSummary.%s leaves summaryDigest as it was", name)
		}
	}
}
