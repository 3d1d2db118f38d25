package devserver

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/iom-cso/archive/generator/output"
)

//go:embed client/reload.js client/overlay.css
var client embed.FS

// ReloadTag is what the server inserts before </head> of every HTML page it
// serves. "archive build" output never has it.
const ReloadTag = `<script src="/_archive/reload.js" defer></script>`

// csp mirrors the site's production policy (netlify.toml), so that the
// preview fails where the published site would.
const csp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"

// snapshot is one good build as served.
type snapshot struct {
	files     output.Files
	copies    output.Copies // attachments, served from the content folder
	id        string
	modTime   time.Time
	redirects map[string]redirect

	mu       sync.Mutex
	prepared map[string]*prepared
}

// prepared is a file ready to send: the reload tag inserted, its type and
// ETag computed. Files are prepared when first asked for, so a rebuild
// costs nothing per file.
type prepared struct {
	body    []byte
	ctype   string
	etag    string
	modTime time.Time
}

type redirect struct {
	to   string
	code int
}

func newSnapshot(files output.Files, id string, modTime time.Time) *snapshot {
	return &snapshot{files: files, id: id, modTime: modTime, redirects: parseRedirects(files["_redirects"]),
		prepared: map[string]*prepared{}}
}

// parseRedirects reads Netlify's _redirects: "from to [status]" per line,
// exact paths only. A path matches with or without its trailing slash.
func parseRedirects(data []byte) map[string]redirect {
	out := map[string]redirect{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || !strings.HasPrefix(f[0], "/") || strings.ContainsAny(f[0], "*:") {
			continue
		}
		code := http.StatusMovedPermanently
		if len(f) > 2 {
			n, err := strconv.Atoi(strings.TrimSuffix(f[2], "!"))
			if err != nil || n < 300 || n > 399 {
				continue
			}
			code = n
		}
		key := redirectKey(f[0])
		if _, dup := out[key]; !dup { // the first rule wins, as on Netlify
			out[key] = redirect{to: f[1], code: code}
		}
	}
	return out
}

func redirectKey(p string) string {
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// prepare returns the file at name, ready to send.
func (s *Server) prepare(snap *snapshot, name string) *prepared {
	snap.mu.Lock()
	p := snap.prepared[name]
	snap.mu.Unlock()
	if p != nil {
		return p
	}
	data := snap.files[name]
	p = &prepared{body: data, ctype: contentType(name, data)}
	if strings.HasPrefix(p.ctype, "text/html") {
		p.body = injectReload(data)
	}
	sum := sha256.Sum256(p.body)
	p.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
	p.modTime = s.lastModified(name, p.etag, snap.modTime)
	snap.mu.Lock()
	snap.prepared[name] = p
	snap.mu.Unlock()
	return p
}

// injectReload inserts ReloadTag before </head>, or before </body>, or at
// the end of the page.
func injectReload(page []byte) []byte {
	i := indexFold(page, "</head>")
	if i < 0 {
		i = indexFold(page, "</body>")
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(ReloadTag)+1)
	out = append(out, page[:i]...)
	out = append(out, ReloadTag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// indexFold is bytes.Index for an ASCII needle, ignoring case.
func indexFold(s []byte, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) <= len(s) && strings.EqualFold(string(s[i:i+len(needle)]), needle) {
			return i
		}
	}
	return -1
}

var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
	".zip":         "application/zip",
	".csv":         "text/csv; charset=utf-8",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx":        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":         "application/msword",
	".xls":         "application/vnd.ms-excel",
	".ppt":         "application/vnd.ms-powerpoint",
	".odt":         "application/vnd.oasis.opendocument.text",
	".ods":         "application/vnd.oasis.opendocument.spreadsheet",
	".odp":         "application/vnd.oasis.opendocument.presentation",
}

// contentType decides a file's type by its extension, never by sniffing
// (with nosniff, a wrong guess would matter): unknown types are
// application/octet-stream.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".xml" && bytes.Contains(data[:min(len(data), 512)], []byte(`xmlns="http://www.w3.org/2005/Atom"`)) {
		return "application/atom+xml; charset=utf-8"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// cleanPath checks a request path and returns the file it names, relative
// to the site root. It refuses anything that is not a plain absolute path:
// ".." or "." segments, empty segments, backslashes, NUL and other control
// characters, invalid UTF-8. The path is the decoded one, so encoded forms
// (%2e%2e, %2f, %5c) are refused too.
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || !utf8.ValidString(p) || strings.ContainsAny(p, "\\") {
		return "", false
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f {
			return "", false
		}
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !output.ValidPath(name) {
		return "", false
	}
	return name, true
}

// ServeHTTP serves the last good build, the reload script and the event
// stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	if s.loopbackOnly.Load() && !loopbackHost(r.Host) && !slices.Contains(s.allowHosts, hostName(r.Host)) {
		// A page elsewhere that points its own name at 127.0.0.1 (DNS
		// rebinding) must not read the preview, drafts included.
		http.Error(w, "the preview answers only to localhost, loopback addresses and the names given with --allow-host", http.StatusForbidden)
		return
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, "/_archive/"); ok {
		s.serveInternal(w, r, rest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "bad request: invalid path", http.StatusBadRequest)
		return
	}
	snap := s.site.Load()
	if snap == nil {
		s.servePlaceholder(w, r)
		return
	}
	if name == "_redirects" || name == "_headers" {
		// Netlify reads these; it never serves them.
		s.serveNotFound(w, r, snap)
		return
	}
	if _, ok := snap.files[name]; ok {
		s.serveFile(w, r, snap, name)
		return
	}
	if c, ok := snap.copies[name]; ok {
		s.serveCopy(w, r, snap, name, c)
		return
	}
	if _, ok := snap.files[name+"/index.html"]; ok {
		redirectTo(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	if rd, ok := snap.redirects[redirectKey(r.URL.Path)]; ok {
		redirectTo(w, r, rd.to, rd.code)
		return
	}
	s.serveNotFound(w, r, snap)
}

// hostName is a Host header's name without port, brackets, trailing dot
// or case: the form in which hosts are compared.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
}

// loopbackHost reports whether a Host header names this machine:
// localhost, *.localhost or a loopback address, with any port.
func loopbackHost(host string) bool {
	host = hostName(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func redirectTo(w http.ResponseWriter, r *http.Request, to string, code int) {
	if r.URL.RawQuery != "" && !strings.Contains(to, "?") {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, code)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, name string) {
	p := s.prepare(snap, name)
	h := w.Header()
	h.Set("Content-Type", p.ctype)
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "no-cache")
	if strings.HasPrefix(p.ctype, "text/html") {
		h.Set("Content-Security-Policy", csp)
	}
	http.ServeContent(w, r, "", p.modTime, bytes.NewReader(p.body))
}

// attachmentCSP is what the site's _headers adds for attachments: a
// document opened from one runs no script and has an origin of its own.
const attachmentCSP = "sandbox"

// serveCopy serves an attachment from the content folder, as long as it is
// still the file the build checked (output.Copy.Open). Its ETag comes from
// its size and modification time, so that it is never read whole.
func (s *Server) serveCopy(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, c output.Copy) {
	f, err := c.Open()
	if err != nil {
		// Saved since the last build: the rebuild under way will have it.
		w.Header().Set("Retry-After", "1")
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var body io.ReadSeeker
	switch f := f.(type) {
	case io.ReaderAt:
		body = io.NewSectionReader(f, 0, c.Size) // exactly what was checked
	case io.ReadSeeker:
		body = f
	default:
		http.Error(w, "the content folder's files cannot be served in parts", http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", name, c.Size, st.ModTime().UnixNano()))
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("Content-Type", contentType(name, nil))
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", csp)
	h.Add("Content-Security-Policy", attachmentCSP)
	http.ServeContent(w, r, "", s.lastModified(name, etag, snap.modTime), body)
}

func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	name := "404.html"
	// An address under a language's folder gets that language's 404
	// page, as the _redirects rules (/fr/* /fr/404.html 404) give it on
	// Netlify.
	if seg, _, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); ok && seg != "" {
		if _, ok := snap.files[seg+"/404.html"]; ok {
			name = seg + "/404.html"
		}
	}
	if _, ok := snap.files[name]; !ok {
		http.NotFound(w, r)
		return
	}
	p := s.prepare(snap, name)
	writeBody(w, r, http.StatusNotFound, p.ctype, p.body)
}

// servePlaceholder answers every page before the first good build: the
// reload script shows the build error, and reloads when there is a site.
func (s *Server) servePlaceholder(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	failed := s.failure != nil
	s.mu.Unlock()
	msg := "Building the site…"
	if failed {
		msg = "The build failed. Fix the error shown and save: this page reloads by itself."
	}
	page := `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Archive preview</title>
` + ReloadTag + `
</head>
<body>
<p>` + msg + `</p>
</body>
</html>
`
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Retry-After", "1")
	writeBody(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", []byte(page))
}

func writeBody(w http.ResponseWriter, r *http.Request, code int, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if strings.HasPrefix(ctype, "text/html") {
		h.Set("Content-Security-Policy", csp)
	}
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// serveInternal serves the server's own files under /_archive/.
func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request, name string) {
	if name == "events" {
		s.serveEvents(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	var file string
	switch name {
	case "reload.js":
		file = "client/reload.js"
	case "overlay.css":
		file = "client/overlay.css"
	default:
		http.NotFound(w, r)
		return
	}
	data, err := client.ReadFile(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(data)
	h := w.Header()
	h.Set("Content-Type", contentType(file, data))
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}
