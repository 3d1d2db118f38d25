package generator

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iom-cso/archive/internal/synth"
)

// TestRoutesListEveryFile: the route table is true. Every file a build
// writes is a route of the table (or in the search index's folder, whose
// files are named by their content), and every route the build publishes
// is written, in a build with drafts and one without.
func TestRoutesListEveryFile(t *testing.T) {
	fsys := synth.Generate(60, 1)
	// A draft, so that the two builds differ.
	for _, name := range slices.Sorted(maps.Keys(fsys)) {
		if strings.HasPrefix(name, "information-sessions/") && strings.HasSuffix(name, ".md") && strings.Count(name, "/") == 1 {
			fsys[name] = &fstest.MapFile{Data: bytes.Replace(fsys[name].Data, []byte("\ntitle: "), []byte("\ndraft: true\ntitle: "), 1)}
			break
		}
	}
	for _, drafts := range []bool{false, true} {
		cfg := Config{Content: fsys, Today: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), PageSize: 3, Drafts: drafts}
		files, copies, err := Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		m, problems, err := load(context.Background(), cfg)
		if err != nil || problems.Err() != nil {
			t.Fatal(err, problems)
		}
		written := map[string]bool{}
		for p := range files {
			written[p] = true
		}
		for p := range copies {
			written[p] = true
		}
		listed := map[string]routeKind{}
		drafted := 0
		for _, r := range m.routes {
			if r.draft {
				drafted++
			}
			if r.draft && !drafts {
				continue
			}
			switch r.kind {
			case routePage, routeFile, routeHidden:
				listed[filePath(r.url)] = r.kind
			}
		}
		if drafted == 0 {
			t.Fatal("no route is a draft's: the test has no draft")
		}
		for p := range written {
			if _, ok := listed[p]; !ok && !strings.HasPrefix("/"+p, searchIndexFolder()) {
				t.Errorf("drafts %v: %s is written but no route lists it", drafts, p)
			}
		}
		for p, kind := range listed {
			// _redirects and _headers are written when they have a rule.
			if !written[p] && kind != routeHidden {
				t.Errorf("drafts %v: route %s is not written", drafts, p)
			}
		}
		if !written["_redirects"] {
			t.Error("the synthetic archive's aliases wrote no _redirects")
		}
	}
}
