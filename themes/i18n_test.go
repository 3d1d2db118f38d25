package themes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/theme"
)

// TestShippedStringsComplete: every i18n file of the default theme has
// every key that its layouts name (theme.Load checks them), that the
// theme's functions format with (theme.GoKeys), that content's values
// need (doc_type_<type>, format_<format>) and that the generator asks
// for in Go.
func TestShippedStringsComplete(t *testing.T) {
	keys := generatorKeys(t)
	for _, k := range content.DocumentTypes {
		keys = append(keys, "doc_type_"+k)
	}
	for _, f := range content.Formats {
		keys = append(keys, "format_"+f)
	}
	files, err := fs.Glob(Default(), "i18n/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no i18n files: %v", err)
	}
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if _, err := theme.Load(Default(), theme.Options{Lang: lang, Dir: "themes/default", BaseURL: "https://x.example/", Keys: keys}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// keyRE is the form of an interface string's key.
var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// generatorKeys returns the keys the generator's Go code asks the theme
// for with a quoted key: t("key"), String("key", …), Plural("key", …).
func generatorKeys(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../generator/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generator sources: %v", err)
	}
	var keys []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			}
			if fn != "t" && fn != "String" && fn != "Plural" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if k, err := strconv.Unquote(lit.Value); err == nil && keyRE.MatchString(k) {
				keys = append(keys, k)
			}
			return true
		})
	}
	if len(keys) < 5 {
		t.Fatalf("found only %d keys in the generator's code (%v): has the way it asks for strings changed?", len(keys), keys)
	}
	return keys
}
