package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestReleaseConfig: the release builds every platform authors use, and
// the version it stamps into the binary reaches `archive version`.
func TestReleaseConfig(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			Main    string
			Binary  string
			Goos    []string
			Goarch  []string
			Ldflags []string
		}
		Checksum struct{ Algorithm string }
	}
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if b.Main != "./cmd/archive" || b.Binary != "archive" {
		t.Errorf("build main %q binary %q", b.Main, b.Binary)
	}
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	if cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksums: %q, want sha256", cfg.Checksum.Algorithm)
	}
	// Build with the release's flags, the templates filled in, and ask the
	// binary its version: a renamed variable would leave it "development build".
	flags := strings.NewReplacer("{{.Version}}", "9.8.7", "{{.FullCommit}}", "0123abc", "{{.CommitDate}}", "2026-11-30T08:00:00Z").Replace(strings.Join(b.Ldflags, " "))
	bin := filepath.Join(t.TempDir(), "archive")
	if out, err := exec.Command("go", "build", "-ldflags", flags, "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "archive 9.8.7 (commit 0123abc, 2026-11-30T08:00:00Z) "; !strings.HasPrefix(string(out), want) {
		t.Errorf("archive version = %q, want it to start with %q", out, want)
	}
}

func TestVersionCommand(t *testing.T) {
	code, stdout, stderr := runArchive(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "archive ") || stderr != "" {
		t.Errorf("archive version: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runArchive(t, "version", "extra"); code != 2 || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("archive version extra: exit %d, stderr %q", code, stderr)
	}
}

// TestDevContainer: the dev container forwards the port archive serve
// listens on by default and tells it the forwarded name.
func TestDevContainer(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", ".devcontainer", "devcontainer.json"))
	if err != nil {
		t.Fatal(err)
	}
	// devcontainer.json allows // comments, on lines of their own here.
	var lines []string
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			lines = append(lines, l)
		}
	}
	var dc struct {
		Image             string
		ForwardPorts      []int
		RemoteEnv         map[string]string
		PostCreateCommand string
	}
	if err := json.Unmarshal([]byte(strings.Join(lines, "\n")), &dc); err != nil {
		t.Fatalf("devcontainer.json: %v", err)
	}
	if !slices.Contains(dc.ForwardPorts, 1313) {
		t.Errorf("forwardPorts %v lacks 1313, archive serve's port", dc.ForwardPorts)
	}
	if !strings.Contains(dc.RemoteEnv["ARCHIVE_ALLOW_HOST"], "-1313.") {
		t.Errorf("ARCHIVE_ALLOW_HOST = %q, want the forwarded name of port 1313", dc.RemoteEnv["ARCHIVE_ALLOW_HOST"])
	}
	if dc.PostCreateCommand != "go install ./cmd/archive" || !strings.HasPrefix(dc.Image, "golang:1.26") {
		t.Errorf("image %q, postCreateCommand %q", dc.Image, dc.PostCreateCommand)
	}
	var out, errb strings.Builder
	run(t.Context(), []string{"serve", "--help"}, &out, &errb)
	if !strings.Contains(out.String(), `"127.0.0.1:1313"`) {
		t.Errorf("archive serve's default address is no longer port 1313:\n%s", out.String())
	}
}
