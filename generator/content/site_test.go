package content

import (
	"strings"
	"testing"
)

// TestKindPastOnly: past_only: true on a kind in site.yaml marks it
// PastOnly; other kinds are not; a value other than a boolean is an
// error at the value.
func TestKindPastOnly(t *testing.T) {
	const head = "title: T\nbase_url: https://x.example/\nregions: [{key: global, name: Global}]\nkinds:\n"
	site, errs := ParseSite("content/site.yaml", []byte(head+"  - {key: annual, folder: annual, name: A, past_only: true}\n  - {key: info, folder: info, name: I}\n"))
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	if !site.KindByKey("annual").PastOnly || site.KindByKey("info").PastOnly {
		t.Errorf("PastOnly: annual %v, info %v; want true, false", site.KindByKey("annual").PastOnly, site.KindByKey("info").PastOnly)
	}
	_, errs = ParseSite("content/site.yaml", []byte(head+"  - {key: annual, folder: annual, name: A, past_only: often}\n"))
	if want := "content/site.yaml:5:55: past_only: expected true or false"; !strings.Contains(errs.Error(), want) {
		t.Errorf("past_only: often gives\n%v\nwant %s", errs, want)
	}
}
