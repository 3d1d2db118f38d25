package search_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/internal/browsertest"
)

// TestNode runs the unit tests of the search page's pure modules
// (themes/default/assets/js/search/normalize.js and query.js), which are
// in jstest/, with `node --test`, so that `go test ./...` covers them. It
// first builds the index of testdata/match.json, split into many small
// files, for the test that runs those queries through query.js.
func TestNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		browsertest.Missing(t, "node not found: the unit tests of the search page's modules need Node.js 20.19 or newer (apt-get install nodejs)")
	}
	// Node reads the theme's .js files as modules without a package.json
	// saying so from 20.19 on (module syntax detection).
	v, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("%s --version: %v", node, err)
	}
	if m := regexp.MustCompile(`^v(\d+)\.(\d+)`).FindSubmatch(v); m == nil || !nodeRecent(string(m[1]), string(m[2])) {
		browsertest.Missing(t, "node %s is too old: the unit tests of the search page's modules need Node.js 20.19 or newer", v)
	}

	_, in := search.MatchTable(t)
	idx, err := search.Build(context.Background(), in, search.Options{DictBytes: 60, PostingsBytes: 60, NearBytes: 60, DocsPerChunk: 2})
	if err != nil {
		t.Fatal(err)
	}
	// The index in a folder of its own, for its text files to be beside
	// it (search.TextFolder).
	dir := filepath.Join(t.TempDir(), "index")
	files := map[string][]byte{}
	for name, data := range idx.Files {
		files[name] = data
	}
	for name, data := range idx.Texts {
		files[search.TextFolder+name] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.CommandContext(t.Context(), node, "--test", "jstest/")
	cmd.Env = append(os.Environ(), "ARCHIVE_SEARCH_MATCH_INDEX="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test jstest/: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`(?m)^# skipped 0$`).Match(out) {
		t.Errorf("node --test skipped tests:\n%s", out)
	}
}

func nodeRecent(major, minor string) bool {
	a, _ := strconv.Atoi(major)
	b, _ := strconv.Atoi(minor)
	return a > 20 || a == 20 && b >= 19
}
