package html

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/iom-cso/archive/internal/qasite"
)

// TestHTMLValid runs the Nu HTML Checker over the whole build: every page,
// not only the ones the browser tests visit, must have no error.
func TestHTMLValid(t *testing.T) {
	java := qasite.LookTool(t, "java", "apt-get install default-jre-headless")
	jar := qasite.Sitecheck(t, "vnu-jar/build/dist/vnu.jar")
	s := qasite.Shipped(t)
	dir := s.Dir(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", "--exit-zero-always", dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu: %v\n%s", err, stderr.String())
	}
	// --format json writes its report to stderr.
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn                int
		}
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu report: %v\n%s", err, stderr.String())
	}
	errs := 0
	for _, m := range report.Messages {
		if m.Type != "error" && !(m.Type == "non-document-error") {
			continue
		}
		errs++
		t.Errorf("%s:%d:%d: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"+dir), m.LastLine, m.FirstColumn, m.Message, strings.TrimSpace(m.Extract))
	}
	t.Logf("vnu: %d HTML files, %d errors", len(s.HTMLPages()), errs)
}
