package generator

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
)

// An event is listed on many index pages: its year's, its region's, its
// kind's, each of its topics' and each of its organizers' (IOM's pages
// alone list the whole archive). Its item in those lists is rendered once
// per language and item partial, by listItems, and written as it is on
// every page that lists it (YearGroup.Items): template execution calls
// each function through reflection, and a list item makes a dozen calls.

// The theme's partials that render an event's item in a list: the years',
// regions' and kinds' indexes use eventItem, a topic's page
// topicEventItem (it shows the region), an organization's page
// orgEventItem when the theme has it, eventItem otherwise (the default
// theme's organization page lists its consultations as the indexes do:
// IOM's pages list the whole archive, whose items the indexes have made
// already).
const (
	eventItem      = "event-item"
	orgEventItem   = "organization-event-item"
	topicEventItem = "topic-event-item"
)

// orgEventItem is the partial of the items of an organization's page.
func (r *renderer) orgEventItem() string {
	if r.m.theme.HasPartial(orgEventItem) {
		return orgEventItem
	}
	return eventItem
}

// listItems holds the list items a render has made in one language, by
// partial and event (and the organizers' links of event pages, by
// organization: organizerLink). It is made lazily: a warm build that
// finds a page in the Cache renders none of its items.
type listItems struct {
	mu   sync.Mutex
	html map[listItemKey]string
}

type listItemKey struct {
	partial string
	of      any // the *EventSummary, or *content.Organization, rendered
}

// item is the HTML of s's item in lists rendered by partial.
func (r *renderer) item(partial string, s *EventSummary) (string, error) {
	return r.partialOnce(partial, s, s)
}

// partialOnce is the HTML partial renders of data, made once per render
// and key.
func (r *renderer) partialOnce(partial string, key, data any) (string, error) {
	c := &r.items
	k := listItemKey{partial, key}
	c.mu.Lock()
	h, ok := c.html[k]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	// Rendered outside the lock: both workers may render the same item at
	// once, which costs a little and makes the same bytes.
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := r.m.theme.RenderPartial(buf, partial, data); err != nil {
		return "", err
	}
	h = buf.String()
	c.mu.Lock()
	if c.html == nil {
		c.html = make(map[listItemKey]string, len(r.m.events))
	}
	c.html[k] = h
	c.mu.Unlock()
	return h, nil
}

// groupItems sets the Items of groups: each event's item rendered by
// partial, each on a line of its own, as a layout's
// {{range .Events}}{{"\n"}}{{template partial .}}{{end}} would write them.
// A theme without the partial gets none: its layouts list the Events.
func (r *renderer) groupItems(groups []YearGroup, partial string) error {
	if !r.m.theme.HasPartial(partial) {
		return nil
	}
	for i := range groups {
		g := &groups[i]
		items := make([]string, len(g.Events))
		n := 0
		for j, s := range g.Events {
			h, err := r.item(partial, s)
			if err != nil {
				return err
			}
			items[j] = h
			n += 1 + len(h)
		}
		var b strings.Builder
		b.Grow(n)
		for _, h := range items {
			b.WriteByte('\n')
			b.WriteString(h)
		}
		g.Items = template.HTML(b.String())
	}
	return nil
}
