package content

import "testing"

// TestIgnored: the names editors and systems leave beside real files are
// ignored, real files are not.
func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"event.md": false, "site.yaml": false, "site.css": false, "index.md": false, "report.pdf": false, "": false,
		"swap.md": false, "temporary.md": false, "4914": false,
		".event.md.swp": true, "event.md~": true, "#event.md#": true, ".#event.md": true, "4913": true,
		"event.md.swo": true, "event.md.swx": true, "event.md.temp": true, "event.md.kate-swp": true,
		"event.md.tmp": true, "event.md___jb_tmp___": true, "event.md___jb_old___": true, ".DS_Store": true,
		"site.css.crswap": true, ".goutputstream-X1Y2": true, "Thumbs.db": true, "desktop.ini": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestLoadSkipsIgnored: the loader skips every name the watcher ignores,
// in a kind folder, a bundle and the content root, where they were
// errors ("only .md event files ... belong in a kind folder").
func TestLoadSkipsIgnored(t *testing.T) {
	a, errs := load(t, map[string]string{
		"annual-consultations/2013-x.md":                     good,
		"annual-consultations/4913":                          "",
		"annual-consultations/2013-x.md.swo":                 "swap",
		"annual-consultations/2013-x.md.swx":                 "swap",
		"annual-consultations/2013-x.md___jb_tmp___":         good,
		"annual-consultations/2013-y/index.md":               good,
		"annual-consultations/2013-y/index.md.temp":          good,
		"annual-consultations/2013-y/report.pdf___jb_old___": "old",
		"about.md.kate-swp":                                  "swap",
		"site.yaml.crswap":                                   "swap",
	})
	if len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	if len(a.Events) != 2 || len(a.Events[1].Files) != 0 {
		t.Errorf("events %d, want 2 without attachments", len(a.Events))
	}
}
