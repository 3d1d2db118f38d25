package a11y

import (
	"testing"

	"github.com/iom-cso/archive/internal/qasite"
)

// TestBrowserPages opens each checked page at 1280 px in each colour
// scheme, under netlify.toml's headers, and requires no axe-core violation
// of WCAG 2.1 A/AA, no console error, CSP violation or failed request, and
// no horizontal scrolling; it saves a full-page screenshot of each.
// qa/phonepages' TestPhonePages does the same at 375 px.
func TestBrowserPages(t *testing.T) { qasite.CheckPages(t, []int{1280}) }
