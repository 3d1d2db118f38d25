//go:build linux || darwin

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestOutWaitsForTheLock: while another build holds the output folder's
// lock (here the test, with the same flock a build takes), archive build
// says once that it waits, and builds as soon as the lock is free.
func TestOutWaitsForTheLock(t *testing.T) {
	work := t.TempDir()
	writeSite(t, filepath.Join(work, "content"), outSite)
	if code, _, stderr := execArchive(t, work, "build"); code != 0 {
		t.Fatalf("first build: exit %d:\n%s", code, stderr)
	}
	lock, err := os.OpenFile(filepath.Join(work, ".public.archive", "lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(archiveBinary(t), "build")
	cmd.Dir = work
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stderr)
	line, _ := r.ReadString('\n')
	if line != "archive build: another build is writing into public; waiting for it to finish\n" {
		t.Errorf("first line on stderr: %q", line)
	}
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	rest, _ := r.ReadString(0)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("waiting build: %v:\n%s", err, rest)
	}
	if !strings.HasPrefix(rest, "archive: built ") || strings.Count(rest, "\n") != 1 {
		t.Errorf("after the wait, stderr: %q", rest)
	}
}
