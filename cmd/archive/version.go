package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version, commit and date are set by the release build (.goreleaser.yaml,
// -ldflags -X). A binary built any other way reads what the Go toolchain
// recorded instead: the module version for `go install ...@v1.2.3`, the
// commit for a build inside a git checkout.
var (
	version = ""
	commit  = ""
	date    = ""
)

// versionInfo returns the version, commit and commit date of this binary,
// each "" when unknown, and whether the checkout had uncommitted changes.
func versionInfo() (v, c, d string, dirty bool) {
	v, c, d = version, commit, date
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v, c, d, false
	}
	if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if c == "" {
				c = s.Value
			}
		case "vcs.time":
			if d == "" {
				d = s.Value
			}
		case "vcs.modified":
			dirty = s.Value == "true" && commit == ""
		}
	}
	return v, c, d, dirty
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("version", "Prints the version of archive and the commit it was built from.", stdout, stderr)
	if code := parseFlags(fl, args, stdout); code >= 0 {
		return code
	}
	v, c, d, dirty := versionInfo()
	if v == "" {
		v = "development build"
	}
	fmt.Fprintf(stdout, "archive %s", v)
	if c != "" {
		fmt.Fprintf(stdout, " (commit %s", c)
		if dirty {
			fmt.Fprint(stdout, ", with uncommitted changes")
		}
		if d != "" {
			fmt.Fprintf(stdout, ", %s", d)
		}
		fmt.Fprint(stdout, ")")
	}
	fmt.Fprintf(stdout, " %s/%s %s\n", runtime.GOOS, runtime.GOARCH, runtime.Version())
	return 0
}
