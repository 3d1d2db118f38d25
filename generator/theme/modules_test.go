package theme

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestModuleImports checks that a module's relative imports name the
// published, fingerprinted modules, and that a change to a module changes
// the names of the modules that import it.
func TestModuleImports(t *testing.T) {
	const ui = `// The page.
/* a comment with import "./nope.js" in it */
import { parse, search } from './lib/query.js';
import * as norm from "./lib/normalize.js"
import './side.js';
import {from as x} from './lib/normalize.js' with { type: 'javascript' };
export { parse } from './lib/query.js';
import 'https://cdn.example/x.js';
import('./later.js');
const s = "import './lib/query.js'";
`
	files := map[string]string{
		"assets/js/ui.js":            ui,
		"assets/js/side.js":          `console.log(1);`,
		"assets/js/lib/query.js":     "import { normalize } from '../lib/normalize.js';\nexport const parse = normalize;\n",
		"assets/js/lib/normalize.js": `export const normalize = s => s;`,
	}
	th, err := testTheme(t, files)
	if err != nil {
		t.Fatal(err)
	}
	pub := func(name string) string {
		p, err := th.Asset(name)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`\.[0-9a-f]{8}\.js$`).MatchString(p) {
			t.Errorf("%s published as %s", name, p)
		}
		return p[strings.LastIndex(p, "/")+1:]
	}
	norm, query, side := pub("js/lib/normalize.js"), pub("js/lib/query.js"), pub("js/side.js")
	uiPub, _ := th.Asset("js/ui.js")
	got := string(th.Files()[strings.TrimPrefix(uiPub, "/")])
	want := strings.NewReplacer("'./lib/query.js'", "'./lib/"+query+"'", `"./lib/normalize.js"`, `"./lib/`+norm+`"`,
		"'./side.js'", "'./"+side+"'", "'./lib/normalize.js'", "'./lib/"+norm+"'").Replace(ui)
	// Only the imports at the top change: not the comment, not the
	// dynamic import, not the string.
	want = strings.Replace(want, `const s = "import './lib/`+query+`'"`, `const s = "import './lib/query.js'"`, 1)
	want = strings.Replace(want, `import('./`+side, `import('./later.js`, 1)
	want = strings.Replace(want, `import('./later.js`+"');", `import('./later.js');`, 1)
	if got != want {
		t.Errorf("ui.js published as\n%s\nwant\n%s", got, want)
	}
	qPub, _ := th.Asset("js/lib/query.js")
	if got := string(th.Files()[strings.TrimPrefix(qPub, "/")]); !strings.Contains(got, "from '../lib/"+norm+"'") {
		t.Errorf("query.js published as %s", got)
	}

	// A change to normalize.js renames it and every module that imports
	// it, directly or not; side.js stays.
	files["assets/js/lib/normalize.js"] += "\n"
	th2, err := testTheme(t, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"js/lib/normalize.js", "js/lib/query.js", "js/ui.js"} {
		a, _ := th.Asset(name)
		b, _ := th2.Asset(name)
		if a == b {
			t.Errorf("%s kept its name %s after normalize.js changed", name, a)
		}
	}
	if a, _ := th.Asset("js/side.js"); a != "/assets/js/"+side {
		t.Errorf("side.js: %s", a)
	}
	if b, _ := th2.Asset("js/side.js"); b != "/assets/js/"+side {
		t.Errorf("side.js renamed to %s though it did not change", b)
	}
}

// TestModuleImportErrors checks the errors: an import of a file that is not
// an asset, and a cycle, each with the module's path and the position of
// the import.
func TestModuleImportErrors(t *testing.T) {
	_, err := testTheme(t, map[string]string{
		"assets/js/a.js": "// a\nimport { b } from './b.js';\nimport { x } from './missing.js';\n",
		"assets/js/b.js": "import { a } from \"./a.js\";\nexport const b = 1;\n",
	})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want Errors", err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`theme/assets/js/a.js:3:20: imports "./missing.js", which is not an asset of the theme: add assets/js/missing.js or correct the import`,
		`theme/assets/js/b.js:1:20: imports "./a.js", which imports it in turn (js/a.js → js/b.js → js/a.js): modules must not import each other in a cycle`,
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestModuleImportsHostile: a module of 2 MB of imports loads within the
// hostile bounds (what it allocates grows with the size of the module).
func TestModuleImportsHostile(t *testing.T) {
	var b strings.Builder
	for b.Len() < 2<<20 {
		b.WriteString("import './a.js'; /* é */ import { x, y as z } from \"./a.js\";\n")
	}
	var err error
	var th *Theme
	bounded(t, func() {
		th, err = testTheme(t, map[string]string{"assets/js/big.js": b.String(), "assets/js/a.js": ""})
	})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := th.Asset("js/big.js")
	if got := th.Files()[strings.TrimPrefix(p, "/")]; bytes.Contains(got, []byte("/a.js")) {
		t.Error("an import was not rewritten")
	}
}
