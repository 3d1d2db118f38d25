package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/devserver"
	"github.com/iom-cso/archive/themes"
)

const serveSynopsis = `Builds the archive in memory and serves a preview of it. Every save in the
content folder, its site.yaml or the theme folder rebuilds the site and
reloads the open browser tabs; a CSS-only change swaps the stylesheet
without a reload. A content error shows an overlay in the browser (file,
line, the offending lines) and in the terminal, while the last good build
stays served. Nothing is written to disk. Ctrl-C stops it.

Drafts are shown by default, each with a "Draft" banner and every page with
a preview banner; --drafts=false previews the site as it will be published.
The server listens on the loopback interface only unless --addr says
otherwise, and answers only to the names of this computer (localhost,
127.0.0.1): a browser-based development environment that forwards the port
under a name of its own needs --allow-host with that name (the dev
container in .devcontainer/ sets ARCHIVE_ALLOW_HOST for you). On network or
shared drives, which send no file events, use --poll 1s.`

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("serve [flags]", serveSynopsis, stdout, stderr)
	contentDir := fl.String("content", content.DefaultDir, "content `folder` (site.yaml, pages and one folder per kind)")
	addr := fl.String("addr", "127.0.0.1:1313", "`host:port` to listen on; port 0 picks a free one")
	drafts := fl.Bool("drafts", true, "show drafts, each with its Draft banner; --drafts=false previews the site as published")
	poll := fl.Duration("poll", 0, "watch by listing the folders at this `interval` (e.g. 1s) instead of by file events, for network drives")
	var allow hostList
	fl.Var(&allow, "allow-host", "also answer requests for this host `name` (repeatable; default from $ARCHIVE_ALLOW_HOST, comma-separated): the name a forwarded port is reached by")
	if code := parseFlags(fl, args, stdout); code >= 0 {
		return code
	}
	if len(allow) == 0 {
		// The dev container fills the variable from names that exist
		// only in a codespace; elsewhere they expand to nothing, leaving
		// a fragment such as "-1313." that names no host: skip those.
		for _, h := range strings.FieldsFunc(os.Getenv("ARCHIVE_ALLOW_HOST"), func(r rune) bool { return r == ',' || r == ' ' }) {
			if validHostName(h) {
				allow = append(allow, h)
			}
		}
	}
	if *poll < 0 {
		fmt.Fprintf(stderr, "archive serve: --poll %s must not be negative\n", *poll)
		return 2
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "archive serve: --addr %q: %v\n", *addr, err)
		return 2
	}
	cfg, err := config(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "archive serve: %v\n", err)
		return 1
	}
	cfg.Drafts = *drafts
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "archive serve: %v (is another preview running? try --addr 127.0.0.1:0)\n", err)
		return 1
	}
	fmt.Fprint(stderr, exposedWarning(host, ln.Addr(), *drafts))
	srv := devserver.New(devserver.Options{
		Config:      cfg,
		ContentPath: *contentDir,
		ThemeDir: func(name string) string {
			return themes.Folder(*contentDir, name)
		},
		Poll:       *poll,
		Today:      func() time.Time { return time.Now().UTC().Truncate(24 * time.Hour) },
		Log:        stderr,
		AllowHosts: allow,
	})
	for _, h := range allow {
		fmt.Fprintf(stderr, "archive: also answering to the host name %s\n", h)
	}
	if *drafts {
		fmt.Fprintln(stderr, "archive: drafts are shown, marked with a Draft banner (--drafts=false hides them)")
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "archive serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "archive: stopped")
	return 0
}

// hostList is the repeatable --allow-host flag.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(v string) error {
	if !validHostName(v) {
		return fmt.Errorf("%q is not a host name (letters, digits, hyphens and dots, without scheme, port or path)", v)
	}
	*l = append(*l, v)
	return nil
}

// validHostName reports whether s is a DNS host name: dot-separated labels
// of ASCII letters, digits and inner hyphens, at most 253 bytes.
func validHostName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// exposedWarning is the warning printed when the preview listens on more
// than this machine (host is --addr's host), or "" when it does not.
func exposedWarning(host string, addr net.Addr, drafts bool) string {
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		return ""
	}
	w := fmt.Sprintf("archive serve: warning: listening on %s, reachable from other machines", addr)
	if drafts {
		w += "; drafts are shown to anyone who can connect (--drafts=false hides them)"
	}
	return w + "\n"
}
