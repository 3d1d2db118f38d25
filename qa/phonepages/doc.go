// Package phonepages holds qa/a11y's browser checks at the width of a
// phone: every checked page at 375 px, in each colour scheme. It is a test
// binary of its own, apart from qa/phone's layout checks, so that each
// stays well inside go test's 10 minutes on a loaded machine. Its tests are
// listed in qa/doc.go.
package phonepages
