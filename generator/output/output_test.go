package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// files lists every file below dir with its content.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// sameFiles reports whether dir holds exactly want.
func sameFiles(t *testing.T, dir string, want Files) bool {
	t.Helper()
	got := files(t, dir)
	if len(got) != len(want) {
		return false
	}
	for p, data := range want {
		if got[p] != string(data) {
			return false
		}
	}
	return true
}

// checkClean fails unless the only things beside dir are dir itself and
// its state folder, which holds only the lock and the record.
func checkClean(t *testing.T, dir string) {
	t.Helper()
	var beside, state []string
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		beside = append(beside, e.Name())
	}
	entries, _ = os.ReadDir(stateOf(dir))
	for _, e := range entries {
		state = append(state, e.Name())
	}
	base := filepath.Base(dir)
	if !slices.Equal(beside, []string{"." + base + ".archive", base}) {
		t.Errorf("beside the output: %v", beside)
	}
	if !slices.Equal(state, []string{"lock", "record"}) {
		t.Errorf("in its state folder: %v", state)
	}
}

func stateOf(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".archive")
}

// setStep replaces beforeStep for one test.
func setStep(t *testing.T, f func(name string) error) {
	t.Helper()
	old := beforeStep
	beforeStep = f
	t.Cleanup(func() { beforeStep = old })
}

var (
	siteA = Files{"index.html": []byte("A"), "a/x.html": []byte("A")}
	siteB = Files{"index.html": []byte("B"), "b/y.html": []byte("B")}
	siteC = Files{"index.html": []byte("C")}
)

func TestWriteReplacesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := Files{"index.html": []byte("one"), "stale/index.html": []byte("old")}
	for i := range 300 {
		first["a/"+strconv.Itoa(i%7)+"/"+strconv.Itoa(i)+".html"] = []byte(strconv.Itoa(i))
	}
	if err := Write(dir, first, nil); err != nil {
		t.Fatal(err)
	}
	second := Files{"index.html": []byte("two"), "a/b/c/d.txt": []byte("deep")}
	for i := range 300 {
		second["x/"+strconv.Itoa(i)+"/index.html"] = []byte(strconv.Itoa(i))
	}
	if err := Write(dir, second, nil); err != nil {
		t.Fatal(err)
	}
	if !sameFiles(t, dir, second) {
		t.Errorf("the folder does not hold exactly the second site")
	}
	checkClean(t, dir)
}

func TestWriteRefusesEscapes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	for _, p := range []string{"../evil", "x/.git/config", "go.mod"} {
		if err := Write(dir, Files{p: []byte("x")}, nil); err == nil {
			t.Errorf("wrote %s", p)
		}
	}
	if _, err := os.Lstat(filepath.Dir(dir)); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 0 {
		t.Errorf("refused writes left %v", entries)
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"index.html": []byte("one")}, nil); err != nil {
		t.Fatal(err)
	}
	// A file and a folder of the same name cannot both be written.
	bad := Files{"a": []byte("file"), "a/b": []byte("under a file")}
	for i := range 100 {
		bad["z/"+strconv.Itoa(i)] = nil
	}
	if err := Write(dir, bad, nil); err == nil {
		t.Fatal("no error")
	}
	data, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || string(data) != "one" {
		t.Errorf("previous site lost: %q, %v", data, err)
	}
	checkClean(t, dir)
}

// TestWriteRefuses: folders Write may not replace, each refused with a
// *TargetError and left exactly as it was, with nothing made beside it.
func TestWriteRefuses(t *testing.T) {
	write := func(t *testing.T, dir string, files map[string]string) {
		t.Helper()
		for p, data := range files {
			p = filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, work string) (out string, o Options)
		want  string
	}{
		{"the protected folder", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"content/site.yaml": "x"})
			return filepath.Join(work, "content"), Options{Protect: []Protected{{filepath.Join(work, "content"), "content folder"}}}
		}, "it is the content folder"},
		{"its parent", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"s/content/site.yaml": "x"})
			return filepath.Join(work, "s"), Options{Protect: []Protected{{filepath.Join(work, "s", "content"), "content folder"}}}
		}, "it contains the content folder"},
		{"inside it, absent", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"content/site.yaml": "x"})
			return filepath.Join(work, "content", "a", "public"), Options{Protect: []Protected{{filepath.Join(work, "content"), "content folder"}}}
		}, "it lies inside the content folder"},
		{"a repository", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"repo/.git/HEAD": "x"})
			return filepath.Join(work, "repo"), Options{}
		}, "it holds .git"},
		{"an empty repository", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"repo/go.mod": "module x\n"})
			return filepath.Join(work, "repo"), Options{}
		}, "it holds go.mod"},
		{"a folder of files", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"data/a.txt": "x"})
			return filepath.Join(work, "data"), Options{}
		}, "archive did not write it: it holds a.txt"},
		{"a file", func(t *testing.T, work string) (string, Options) {
			write(t, work, map[string]string{"public": "x"})
			return filepath.Join(work, "public"), Options{}
		}, "it is a file, not a folder"},
		{"the root", func(t *testing.T, work string) (string, Options) {
			return string(filepath.Separator), Options{}
		}, "it is the root of the file system"},
		{"nothing", func(t *testing.T, work string) (string, Options) {
			return "", Options{}
		}, "no folder given"},
		{"a built folder with a file added", func(t *testing.T, work string) (string, Options) {
			out := filepath.Join(work, "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			write(t, out, map[string]string{"mine.txt": "x", "more.txt": "y"})
			return out, Options{}
		}, "it holds mine.txt, more.txt, which archive did not write there"},
		{"a built folder with a repository inside", func(t *testing.T, work string) (string, Options) {
			out := filepath.Join(work, "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			write(t, out, map[string]string{"a/clone/.git/HEAD": "x"})
			return out, Options{}
		}, "it holds a/clone/.git, which marks a repository"},
		{"a built folder deleted and made again", func(t *testing.T, work string) (string, Options) {
			out := filepath.Join(work, "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			// The record names another folder than the one there now
			// (what a new folder is, unless its inode number is reused).
			rec := filepath.Join(stateOf(out), "record")
			if err := os.WriteFile(rec, []byte(recordHeader+"\ntree 1\n\"index.html\"\n\"a\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return out, Options{}
		}, "it is not the folder archive built there last"},
		{"a damaged record", func(t *testing.T, work string) (string, Options) {
			out := filepath.Join(work, "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(stateOf(out), "record"), []byte("something else\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return out, Options{}
		}, "is not a record archive wrote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			out, o := tc.setup(t, work)
			before := files(t, work)
			var beforeNames []string
			filepath.WalkDir(work, func(p string, _ os.DirEntry, _ error) error {
				beforeNames = append(beforeNames, p)
				return nil
			})
			err := o.Write(context.Background(), out, siteB, nil)
			var te *TargetError
			if !errors.As(err, &te) || te.Dir != out || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a TargetError for %s saying %q", err, out, tc.want)
			}
			if after := files(t, work); !equal(before, after) {
				t.Errorf("the refused write changed files: %v -> %v", before, after)
			}
			var afterNames []string
			filepath.WalkDir(work, func(p string, _ os.DirEntry, _ error) error {
				afterNames = append(afterNames, p)
				return nil
			})
			if !slices.Equal(beforeNames, afterNames) {
				t.Errorf("the refused write changed the tree: %v -> %v", beforeNames, afterNames)
			}
		})
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestWriteAccepts: an empty folder (with what a file browser leaves), a
// folder inside a repository, and a built folder a person deleted files
// from are all replaced.
func TestWriteAccepts(t *testing.T) {
	work := t.TempDir()
	if err := os.MkdirAll(filepath.Join(work, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, ".DS_Store"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, site := range []Files{siteA, siteB} {
		if err := Write(out, site, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, siteC, nil); err != nil {
		t.Fatal(err)
	}
	if !sameFiles(t, out, siteC) {
		t.Errorf("holds %v", files(t, out))
	}
}

// TestWriteCleansLeftovers: the temporary trees of killed builds, of this
// version and of the versions before it, are removed by the next build;
// a sibling that only looks like one is kept.
func TestWriteCleansLeftovers(t *testing.T) {
	work := t.TempDir()
	out := filepath.Join(work, "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{
		".public.archive/new-123/a", ".public.archive/old-456/b",
		".public.new-789/c", ".public.new-789.old/d", ".public.new-mine/e",
	} {
		if err := os.MkdirAll(filepath.Join(work, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(out, siteB, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(work, ".public.new-mine", "e")); err != nil {
		t.Errorf("a folder of another name was touched: %v", err)
	}
	if err := os.Remove(filepath.Join(work, ".public.new-mine")); err != nil {
		t.Fatal(err)
	}
	checkClean(t, out)
}

// TestWriteSwapKeepsAFolder: before and after every step of a build,
// the output folder holds one complete site, the old one or the new one.
func TestWriteSwapKeepsAFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	var steps []string
	setStep(t, func(name string) error {
		steps = append(steps, name)
		if !sameFiles(t, out, siteA) && !sameFiles(t, out, siteB) {
			t.Errorf("before %s the folder holds %v", name, files(t, out))
		}
		return nil
	})
	if err := Write(out, siteB, nil); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(steps, "aside") {
		if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
			t.Skipf("this file system has no atomic exchange; steps: %v", steps)
		}
		return
	}
	if want := []string{"record", "exchange", "remove", "record"}; !slices.Equal(steps, want) {
		t.Errorf("steps %v, want %v", steps, want)
	}
	if !sameFiles(t, out, siteB) {
		t.Error("the new site is not in place")
	}
	checkClean(t, out)
}

// TestWriteFallback: where the file system refuses the exchange, the two
// renames put the new site in place; a failure of either leaves the old.
func TestWriteFallback(t *testing.T) {
	for _, tc := range []struct {
		fail    string // the step that fails after the refused exchange
		want    Files  // in place after the write
		wantErr string
	}{
		{"", siteB, ""},
		{"aside", siteA, "cannot move the previous"},
		{"into", siteA, "cannot move the new site into"},
	} {
		t.Run("fail "+tc.fail, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			var steps []string
			setStep(t, func(name string) error {
				steps = append(steps, name)
				switch name {
				case "exchange":
					return syscall.EINVAL
				case tc.fail:
					return syscall.EIO
				}
				return nil
			})
			err := Write(out, siteB, nil)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if !sameFiles(t, out, tc.want) {
				t.Errorf("holds %v", files(t, out))
			}
			if tc.fail == "" && !slices.Equal(steps, []string{"record", "exchange", "aside", "into", "remove", "record"}) {
				t.Errorf("steps %v", steps)
			}
			checkClean(t, out)
		})
	}
}

// TestWriteExchangeFails: an exchange that fails for another reason than
// "unsupported" is an error, and the old site stays.
func TestWriteExchangeFails(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	setStep(t, func(name string) error {
		if name == "exchange" {
			return syscall.EIO
		}
		return nil
	})
	if err := Write(out, siteB, nil); err == nil || !strings.Contains(err.Error(), "cannot swap the new site into") {
		t.Fatalf("error %v", err)
	}
	if !sameFiles(t, out, siteA) {
		t.Errorf("holds %v", files(t, out))
	}
	checkClean(t, out)
}

// TestWriteRemoveFails: the new site is in place and the error says so;
// the next build removes the previous one.
func TestWriteRemoveFails(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	setStep(t, func(name string) error {
		if name == "remove" {
			return syscall.EIO
		}
		return nil
	})
	if err := Write(out, siteB, nil); err == nil || !strings.Contains(err.Error(), "the next build will try again") {
		t.Fatalf("error %v", err)
	}
	if !sameFiles(t, out, siteB) {
		t.Errorf("holds %v", files(t, out))
	}
	setStep(t, func(string) error { return nil })
	if err := Write(out, siteC, nil); err != nil {
		t.Fatal(err)
	}
	checkClean(t, out)
}

// TestWriteWaitsForAnotherBuild: a build whose swap is held up makes a
// second build into the same folder wait (and say so once); neither
// fails, nothing leaks, and the second one's site is the one in place.
func TestWriteWaitsForAnotherBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	setStep(t, func(name string) error {
		if name == "exchange" || name == "aside" {
			once.Do(func() {
				close(entered)
				<-release
			})
		}
		return nil
	})
	first := make(chan error)
	go func() { first <- Write(out, siteB, nil) }()
	<-entered

	waiting := make(chan struct{})
	calls := 0
	second := make(chan error)
	go func() {
		second <- Options{Waiting: func() { calls++; close(waiting) }}.Write(context.Background(), out, siteC, nil)
	}()
	<-waiting
	if !sameFiles(t, out, siteA) {
		t.Errorf("while the first build is held up, the folder holds %v", files(t, out))
	}
	close(release)
	if err := <-first; err != nil {
		t.Errorf("first build: %v", err)
	}
	if err := <-second; err != nil {
		t.Errorf("second build: %v", err)
	}
	if calls != 1 {
		t.Errorf("Waiting called %d times", calls)
	}
	if !sameFiles(t, out, siteC) {
		t.Errorf("holds %v, want the second build's site", files(t, out))
	}
	checkClean(t, out)
}

// TestWriteWaitCancelled: a waiting build whose context is cancelled
// returns at once, touching nothing; the lock it was waiting for still
// works for the builds after it.
func TestWriteWaitCancelled(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	setStep(t, func(name string) error {
		if name == "record" {
			once.Do(func() {
				close(entered)
				<-release
			})
		}
		return nil
	})
	first := make(chan error)
	go func() { first <- Write(out, siteB, nil) }()
	<-entered

	ctx, cancel := context.WithCancel(context.Background())
	second := make(chan error)
	go func() {
		second <- Options{Waiting: cancel}.Write(ctx, out, siteC, nil)
	}()
	if err := <-second; !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped waiting for another build") {
		t.Errorf("cancelled build: %v", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if !sameFiles(t, out, siteB) {
		t.Errorf("holds %v", files(t, out))
	}
	if err := Write(out, siteC, nil); err != nil {
		t.Fatal(err)
	}
	checkClean(t, out)
}

// source makes a folder holding name with data and returns its os.Root FS,
// as the command line opens the content folder.
func source(t *testing.T, name, data string) (string, fs.FS) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return dir, root.FS()
}

func TestWriteCopies(t *testing.T) {
	_, src := source(t, "report.pdf", "%PDF-1.4 report")
	dir := filepath.Join(t.TempDir(), "public")
	copies := Copies{"e/report.pdf": {FS: src, Name: "report.pdf", Size: 15, Source: "content/e/report.pdf"}}
	if err := Write(dir, Files{"e/index.html": []byte("page")}, copies); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "e", "report.pdf"))
	if err != nil || string(got) != "%PDF-1.4 report" {
		t.Errorf("copy = %q, %v", got, err)
	}
	if copies.Size() != 15 || len(copies.Paths()) != 1 {
		t.Errorf("Size %d, Paths %v", copies.Size(), copies.Paths())
	}
}

// TestWriteCopyRefusesChangedSource: a file checked at one size and found
// at another, or replaced by a symbolic link, when it is copied is not
// published; the error names it and the previous site stays.
func TestWriteCopyRefusesChangedSource(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{"grown", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("%PDF-1.4 report, and more"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "content/e/report.pdf changed after it was checked (15 bytes then, 25 now)"},
		{"removed", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "report.pdf")); err != nil {
				t.Fatal(err)
			}
		}, "content/e/report.pdf was removed after it was checked"},
		{"link", func(t *testing.T, dir string) {
			// A link to a file of the same size: only its type tells.
			if err := os.WriteFile(filepath.Join(dir, "other.pdf"), []byte("<html>15 bytes!"), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "report.pdf"))
			if err := os.Symlink("other.pdf", filepath.Join(dir, "report.pdf")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
		}, "content/e/report.pdf is no longer a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcDir, src := source(t, "report.pdf", "%PDF-1.4 report")
			dir := filepath.Join(t.TempDir(), "public")
			if err := Write(dir, Files{"index.html": []byte("one")}, nil); err != nil {
				t.Fatal(err)
			}
			tc.change(t, srcDir)
			err := Write(dir, Files{"index.html": []byte("two")}, Copies{"e/report.pdf": {FS: src, Name: "report.pdf", Size: 15, Source: "content/e/report.pdf"}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if data, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || string(data) != "one" {
				t.Errorf("previous site lost: %q, %v", data, err)
			}
			// Beside public/, only its lock and record.
			if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 2 || entries[0].Name() != ".public.archive" {
				t.Errorf("left beside the output: %v", entries)
			}
			checkClean(t, dir)
		})
	}
}

func TestWriteRefusesCopyEscapesAndClashes(t *testing.T) {
	_, src := source(t, "a.pdf", "%PDF-")
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, nil, Copies{"../a.pdf": {FS: src, Name: "a.pdf", Size: 5}}); err == nil {
		t.Error("copied to ../a.pdf")
	}
	err := Write(dir, Files{"a.pdf": nil}, Copies{"a.pdf": {FS: src, Name: "a.pdf", Size: 5}})
	if err == nil || !strings.Contains(err.Error(), `"a.pdf" is both a generated file and a copy of a.pdf`) {
		t.Errorf("clash: %v", err)
	}
}

// cancelOnOpen is a file system that cancels a context when a file is
// opened: an interrupt (Ctrl-C, SIGTERM) that arrives while the new tree is
// being written.
type cancelOnOpen struct {
	fs.FS
	cancel context.CancelFunc
}

func (c cancelOnOpen) Open(name string) (fs.File, error) {
	c.cancel()
	return c.FS.Open(name)
}

// TestWriteInterruptedWhileWriting: a build interrupted while it writes
// does not swap its half-written tree in: the previous site stays, nothing
// is left beside it, and the next build goes through.
func TestWriteInterruptedWhileWriting(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	_, src := source(t, "report.pdf", "%PDF-1.4 report")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	copies := Copies{"e/report.pdf": {FS: cancelOnOpen{src, cancel}, Name: "report.pdf", Size: 15, Source: "content/e/report.pdf"}}
	if err := (Options{}).Write(ctx, out, siteB, copies); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !sameFiles(t, out, siteA) {
		t.Errorf("holds %v, want the previous site", files(t, out))
	}
	checkClean(t, out)
	if err := Write(out, siteC, nil); err != nil || !sameFiles(t, out, siteC) {
		t.Errorf("the next build: %v, holds %v", err, files(t, out))
	}
}

func TestPagesCountsHTMLFiles(t *testing.T) {
	files := Files{"index.html": nil, "about/index.html": nil, "feed.xml": nil, "assets/css/site.1a2b3c4d.css": nil, "404.html": nil, "notes.html.txt": nil}
	if got := files.Pages(); got != 3 {
		t.Errorf("Pages() = %d, want 3", got)
	}
}
