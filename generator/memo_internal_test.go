package generator

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/internal/memo"
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

// TestSiteConfigDigestIsOfValues: two parses of one site.yaml give one
// digest, so that the preview's cache survives a re-read of an unchanged
// site.yaml; its topics and organization types are reached through
// pointers, whose addresses differ from one parse to the next. A change of
// any value, one a pointer leads to included, gives another.
func TestSiteConfigDigestIsOfValues(t *testing.T) {
	const yaml = `title: {en: T, fr: T fr}
base_url: https://x.example/
languages: [en, fr]
kinds:
  - {key: a, folder: annual-consultations, name: Annual, plural: Annual consultations}
regions:
  - {key: global, name: Global}
organization_types:
  - {key: network, name: Networks}
topics:
  - {key: labour-migration, name: Labour migration}
  - {key: health, name: Health}
`
	sum := func(src string) memo.Sum {
		t.Helper()
		s, problems := content.ParseSite("site.yaml", []byte(src))
		if len(problems.Errors()) > 0 {
			t.Fatal(problems)
		}
		var d memo.Digest
		siteConfigDigest(&d, s)
		return d.Sum()
	}
	a := sum(yaml)
	if b := sum(yaml); a != b {
		t.Error("two parses of one site.yaml give two digests")
	}
	for _, change := range [][2]string{{"name: Health", "name: Public health"}, {"name: Networks", "name: Network"}, {"T fr", "U fr"}, {"name: Global", "name: World"}} {
		if sum(strings.Replace(yaml, change[0], change[1], 1)) == a {
			t.Errorf("%s → %s leaves the digest as it was", change[0], change[1])
		}
	}
}
