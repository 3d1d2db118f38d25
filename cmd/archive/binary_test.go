package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The end-to-end tests of defects that lose data or leak secrets run the
// real binary, as Netlify and an author do: flag parsing, exit codes and
// what reaches the file system are then those of the program itself, not
// of run called in the test's process.
var binary struct {
	once sync.Once
	path string
	err  error
}

// archiveBinary builds cmd/archive once per test process and returns its path.
func archiveBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "archive-bin-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "archive")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = errors.New(string(out))
		}
	})
	if binary.err != nil {
		t.Fatalf("building the archive binary: %v", binary.err)
	}
	return binary.path
}

// execBound is how long one run of the binary may take: the end-to-end
// tests run small sites, so what it catches is a hang (a named pipe
// opened, a loop followed), reported as such rather than when the test
// binary times out. Two minutes: a 2,500-folder walk took 16 s on a
// two-core machine loaded fifteen times over, and a hang never ends.
const execBound = 2 * time.Minute

// execArchive runs the archive binary with args in dir and returns its exit
// code, stdout and stderr.
func execArchive(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	bin := archiveBinary(t) // built before the clock starts
	ctx, cancel := context.WithTimeout(context.Background(), execBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("archive %v did not finish within %v; stderr:\n%s", args, execBound, errb.String())
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errb.String()
	case err != nil:
		t.Fatalf("running archive: %v", err)
	}
	return 0, out.String(), errb.String()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.path != "" {
		os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}
