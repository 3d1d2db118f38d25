package qasite

import (
	"context"
	"testing"

	"github.com/iom-cso/archive/generator/content"
)

// ShippedEvents loads the published events of content/ and the qa fixture
// (ShippedContent), the source the build's pages must agree with.
func ShippedEvents(t testing.TB) (*content.Site, []*content.Event) {
	t.Helper()
	fsys, err := ShippedContent(RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	arch, problems := content.Load(context.Background(), fsys, content.Options{Dir: "content"})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	var events []*content.Event
	for _, e := range arch.Events {
		if !e.Draft {
			events = append(events, e)
		}
	}
	if len(events) == 0 {
		t.Fatal("content/ has no published event")
	}
	return arch.Site, events
}

// EventPath is the site path of an event's page.
func EventPath(e *content.Event) string { return "/" + e.Kind.Folder + "/" + e.Slug + "/" }

// Upcoming reports whether e is still to come on the day the site was
// built for.
func Upcoming(e *content.Event) bool { return !e.LastDay().Before(Today) }
