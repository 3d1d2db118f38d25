package theme

import (
	"bytes"
	"strings"
	"testing"
)

// TestRenderPartial: a partial rendered alone writes what the same partial
// writes inside a page's body, escaped for the same context, so that the
// generator can render a list item once and write it on every page.
func TestRenderPartial(t *testing.T) {
	th, err := testTheme(t, map[string]string{
		"layouts/partials/item.html": `<li><a href="{{.URL}}" title="{{.Name}}">{{.Name}}</a> {{T "hello" .Name}}</li>`,
		"layouts/list.html":          `{{define "main"}}<ul>{{range .Items}}{{template "item" .}}{{end}}</ul>{{end}}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	items := []map[string]string{
		{"URL": "/a/?q=1&r=<2>", "Name": `"Tom" & <Jerry>`},
		{"URL": "javascript:alert(1)", "Name": "l'été"},
	}
	page, err := th.RenderBytes(map[string]any{"Items": items}, "list")
	if err != nil {
		t.Fatal(err)
	}
	var alone bytes.Buffer
	for _, it := range items {
		if err := th.RenderPartial(&alone, "item", it); err != nil {
			t.Fatal(err)
		}
	}
	want := "<!DOCTYPE html><title></title><ul>" + alone.String() + "</ul>"
	if string(page) != want {
		t.Errorf("page:\n%s\nthe partial alone, in the page:\n%s", page, want)
	}
	if !strings.Contains(alone.String(), "#ZgotmplZ") || strings.Contains(alone.String(), "<Jerry>") {
		t.Errorf("the partial alone is not escaped as in a page: %s", alone.String())
	}
	if !th.HasPartial("item") || th.HasPartial("nope") {
		t.Errorf("HasPartial(item) = %v, HasPartial(nope) = %v", th.HasPartial("item"), th.HasPartial("nope"))
	}
	if err := th.RenderPartial(&alone, "nope", nil); err == nil || err.Error() != "theme: no partial named nope" {
		t.Errorf("missing partial: %v", err)
	}
}
