package browsertest

import "testing"

func TestSkipSummary(t *testing.T) {
	var s skipList
	if got := s.summary("qa"); got != "" {
		t.Errorf("nothing skipped: summary %q, want none", got)
	}
	s.add("TestLighthouse", "node is not installed: apt-get install nodejs")
	s.add("TestBrowserPages/home", "no chromium found: apt-get install chromium, or set CHROME_PATH")
	s.add("TestBrowserPages/event", "no chromium found: apt-get install chromium, or set CHROME_PATH")
	want := "qa: skipped 2 checks for want of tools (TestLighthouse, TestBrowserPages): node is not installed: apt-get install nodejs; no chromium found: apt-get install chromium, or set CHROME_PATH; or run .ci/run, which installs them all\n"
	if got := s.summary("qa"); got != want {
		t.Errorf("summary:\n%q\nwant:\n%q", got, want)
	}
}
