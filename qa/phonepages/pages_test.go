package phonepages

import (
	"testing"

	"github.com/iom-cso/archive/internal/qasite"
)

// TestPhonePages is qa/a11y's TestBrowserPages at the width of a phone,
// 375 px: on each checked page, in each colour scheme, no axe-core
// violation of WCAG 2.1 A/AA, no console error, CSP violation or failed
// request, no horizontal scrolling.
func TestPhonePages(t *testing.T) { qasite.CheckPages(t, []int{375}) }
