//go:build unix

package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestKilledBuild kills a build (SIGKILL or SIGTERM, in another process)
// just before each of its steps, on both swaps. After the kill the output
// folder holds one complete site, the old or the new, except between the
// two renames of the fallback swap, where the documented window leaves
// none; the next build puts the old one back before anything else, even
// if it then fails, and a good build after that leaves nothing behind.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again for each step")
	}
	for _, tc := range []struct {
		at         string // step#occurrence
		noExchange bool
		sig        syscall.Signal
	}{
		{"record#1", false, syscall.SIGTERM},
		{"exchange#1", false, syscall.SIGKILL},
		{"remove#1", false, syscall.SIGTERM},
		{"record#2", false, syscall.SIGKILL},
		{"aside#1", true, syscall.SIGKILL},
		{"into#1", true, syscall.SIGTERM},
		{"remove#1", true, syscall.SIGKILL},
		{"record#2", true, syscall.SIGTERM},
	} {
		name := fmt.Sprintf("%s %s", tc.at, tc.sig)
		if tc.noExchange {
			name += " without exchange"
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKilledBuild$")
			cmd.Env = append(os.Environ(), "OUTPUT_KILL_DIR="+out, "OUTPUT_KILL_AT="+tc.at)
			if tc.noExchange {
				cmd.Env = append(cmd.Env, "OUTPUT_KILL_NO_EXCHANGE=1")
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			if line != "stopped at "+tc.at+"\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("helper said %q, stderr:\n%s", line, stderr.String())
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			var exit *exec.ExitError
			if err := cmd.Wait(); !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != tc.sig {
				t.Fatalf("helper ended with %v, want killed by %s", err, tc.sig)
			}

			window := tc.noExchange && tc.at == "into#1"
			switch _, err := os.Lstat(out); {
			case window && err == nil:
				t.Errorf("between the renames, the folder holds %v", files(t, out))
			case window:
			case !sameFiles(t, out, siteA) && !sameFiles(t, out, siteB):
				t.Errorf("after the kill the folder holds %v, want one whole site", files(t, out))
			}

			bad := Files{"a": []byte("file"), "a/b": []byte("under a file")}
			if err := Write(out, bad, nil); err == nil {
				t.Fatal("a build that cannot be written succeeded")
			}
			if !sameFiles(t, out, siteA) && !sameFiles(t, out, siteB) {
				t.Errorf("after a failed build the folder holds %v, want one whole site", files(t, out))
			}
			if window && !sameFiles(t, out, siteA) {
				t.Errorf("the previous site was not put back: %v", files(t, out))
			}
			if err := Write(out, siteC, nil); err != nil {
				t.Fatal(err)
			}
			if !sameFiles(t, out, siteC) {
				t.Errorf("holds %v", files(t, out))
			}
			checkClean(t, out)
		})
	}
}

// TestHelperKilledBuild is not a test on its own: TestKilledBuild runs the
// test binary with it to write siteB into a folder and stop before a step,
// where it waits to be killed.
func TestHelperKilledBuild(t *testing.T) {
	dir := os.Getenv("OUTPUT_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestKilledBuild")
	}
	at, noExchange := os.Getenv("OUTPUT_KILL_AT"), os.Getenv("OUTPUT_KILL_NO_EXCHANGE") != ""
	seen := map[string]int{}
	beforeStep = func(name string) error {
		seen[name]++
		if name+"#"+strconv.Itoa(seen[name]) == at {
			fmt.Printf("stopped at %s\n", at)
			io.Copy(io.Discard, os.Stdin) // until killed
			os.Exit(3)
		}
		if noExchange && name == "exchange" {
			return syscall.EINVAL
		}
		return nil
	}
	err := Write(dir, siteB, nil)
	t.Fatalf("the build was not stopped at %s: %v", at, err)
}
