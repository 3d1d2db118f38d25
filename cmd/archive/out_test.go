package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// treeContents maps every path below dir to what it is: a folder, a
// link's target, or a file's bytes. Two equal maps mean that nothing
// below dir was added, removed or changed.
func treeContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "link to " + target
			return err
		case d.IsDir():
			out[rel] = "folder"
		default:
			data, err := os.ReadFile(p)
			out[rel] = "file " + string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outSite is a content folder that builds.
var outSite = map[string]string{
	"site.yaml":                      testSite,
	"annual-consultations/2013-a.md": "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n",
}

// TestOutRefusesFoldersItDidNotWrite runs the real binary with --out
// pointed at folders an earlier version emptied or replaced: the content
// folder, a repository, an unrelated folder, a folder inside the content.
// Each is a usage error (exit 2) whose message names the folder, and not
// one byte of the work folder changes.
func TestOutRefusesFoldersItDidNotWrite(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup makes the files below work and returns the arguments.
		setup func(t *testing.T, work string) []string
		want  []string // in stderr
	}{
		{
			name: "the content folder",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				return []string{"build", "--out", "content"}
			},
			want: []string{"output folder content: it is the content folder"},
		},
		{
			name: "the issue's repro: a folder holding .git and the content",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "s", "content"), outSite)
				writeSite(t, filepath.Join(work, "s", ".git"), map[string]string{"HEAD": "ref: refs/heads/main\n"})
				return []string{"build", "--content", "s/content", "--out", "s"}
			},
			want: []string{"output folder s: it contains the content folder s/content"},
		},
		{
			name: "a repository root with .git and go.mod, content elsewhere",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				writeSite(t, filepath.Join(work, "repo"), map[string]string{
					".git/HEAD": "ref: refs/heads/main\n",
					"go.mod":    "module example.com/x\n",
					"main.go":   "package main\n",
				})
				return []string{"build", "--out", "repo"}
			},
			want: []string{"output folder repo: it holds .git"},
		},
		{
			name: "a Go module root",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				writeSite(t, filepath.Join(work, "mod"), map[string]string{"go.mod": "module example.com/x\n"})
				return []string{"build", "--out", "mod"}
			},
			want: []string{"output folder mod: it holds go.mod"},
		},
		{
			name: "the repository root through .. ",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "s", "content"), outSite)
				writeSite(t, filepath.Join(work, "s", ".git"), map[string]string{"HEAD": "ref: refs/heads/main\n"})
				return []string{"build", "--content", "s/content", "--out", "./s/content/../../s"}
			},
			want: []string{"output folder ./s/content/../../s: it contains the content folder s/content"},
		},
		{
			name: "an unrelated folder with files",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				writeSite(t, filepath.Join(work, "notes"), map[string]string{"todo.txt": "keep me\n", "a/b.txt": "me too\n"})
				return []string{"build", "--out", "notes"}
			},
			want: []string{"output folder notes: archive did not write it", "otherwise choose another output folder"},
		},
		{
			name: "a public/ built before output records existed",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				writeSite(t, filepath.Join(work, "public"), map[string]string{"index.html": "<!doctype html>\n", "assets/site.css": "body{}\n"})
				return []string{"build"}
			},
			want: []string{"output folder public: archive did not write it", "delete it once"},
		},
		{
			name: "a folder inside the content folder",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				return []string{"build", "--out", "content/public"}
			},
			want: []string{"output folder content/public: it lies inside the content folder content"},
		},
		{
			name: "the themes folder",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				writeSite(t, filepath.Join(work, "themes", "mine", "layouts"), map[string]string{"base.html": "x"})
				return []string{"build", "--out", "themes/public"}
			},
			want: []string{"output folder themes/public: it lies inside the theme folder themes"},
		},
		{
			name: "a symbolic link to the content folder's parent",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "s", "content"), outSite)
				if err := os.Symlink("s", filepath.Join(work, "link")); err != nil {
					t.Skipf("cannot make symbolic links here: %v", err)
				}
				return []string{"build", "--content", "s/content", "--out", "link/content/.."}
			},
			want: []string{"output folder link/content/..: it is a symbolic link"},
		},
		{
			name: "a folder reached through a symbolic link",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "s", "content"), outSite)
				if err := os.Symlink("s", filepath.Join(work, "link")); err != nil {
					t.Skipf("cannot make symbolic links here: %v", err)
				}
				return []string{"build", "--content", "s/content", "--out", "link/content/public"}
			},
			want: []string{"output folder link/content/public: it lies inside the content folder s/content"},
		},
		{
			name: "a file",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				writeSite(t, work, map[string]string{"public": "not a folder\n"})
				return []string{"build"}
			},
			want: []string{"output folder public: it is a file, not a folder"},
		},
		{
			name: "no folder",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				return []string{"build", "--out", ""}
			},
			want: []string{"archive build: --out is empty: give the folder to build into, for example --out public"},
		},
		{
			name: "the root of the file system",
			setup: func(t *testing.T, work string) []string {
				writeSite(t, filepath.Join(work, "content"), outSite)
				return []string{"build", "--out", "/"}
			},
			want: []string{"output folder /: it is the root of the file system"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			args := tc.setup(t, work)
			before := treeContents(t, work)
			code, _, stderr := execArchive(t, work, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if !strings.Contains(stderr, "nothing was written") {
				t.Errorf("stderr does not say that nothing was written:\n%s", stderr)
			}
			if diff := cmp.Diff(before, treeContents(t, work)); diff != "" {
				t.Errorf("build changed the file system (-before +after):\n%s", diff)
			}
		})
	}
}

// TestOutAcceptsItsOwnFolder: an absent output folder (Netlify's fresh
// clone), an empty one, and one archive built before are written; a
// repository root holding .git is fine as the parent of public/.
func TestOutAcceptsItsOwnFolder(t *testing.T) {
	work := t.TempDir()
	writeSite(t, filepath.Join(work, "content"), outSite)
	writeSite(t, filepath.Join(work, ".git"), map[string]string{"HEAD": "ref: refs/heads/main\n"})
	writeSite(t, work, map[string]string{"go.mod": "module example.com/x\n"})
	for i, args := range [][]string{
		{"build"},                  // absent
		{"build"},                  // archive's own
		{"build", "--out", "site"}, // empty, made below
	} {
		if i == 2 {
			if err := os.Mkdir(filepath.Join(work, "site"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		code, _, stderr := execArchive(t, work, args...)
		if code != 0 {
			t.Fatalf("archive %v (run %d): exit %d:\n%s", args, i, code, stderr)
		}
	}
	for _, p := range []string{"public/index.html", "site/index.html", "go.mod", ".git/HEAD", "content/site.yaml"} {
		if _, err := os.Stat(filepath.Join(work, p)); err != nil {
			t.Error(err)
		}
	}

	// A file dropped into public/ by hand would be lost by the next
	// build: the build refuses and says which.
	writeSite(t, filepath.Join(work, "public"), map[string]string{"notes.txt": "mine\n"})
	before := treeContents(t, work)
	code, _, stderr := execArchive(t, work, "build")
	if code != 2 || !strings.Contains(stderr, "output folder public: it holds notes.txt, which archive did not write there") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if diff := cmp.Diff(before, treeContents(t, work)); diff != "" {
		t.Errorf("build changed the file system (-before +after):\n%s", diff)
	}
}
