package theme

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"text/template/parse"
)

// GoKeys are the interface strings the theme's own functions format
// with (date, dateRange, bytes, ChartTip): every i18n file must have
// them. A plural is marked by the suffix "#plural", which is not part
// of the key.
var GoKeys = func() []string {
	keys := []string{"day_1", "date", "date_range_days", "date_range_months", "date_range_years",
		"size_bytes#plural", "size_kb", "size_mb", "decimal_separator", "chart_tip", "chart_tip_series"}
	for i := 1; i <= 12; i++ {
		keys = append(keys, fmt.Sprintf("month_%d", i))
	}
	return keys
}()

// checkKeys reports every key the i18n file lacks, or holds in the wrong
// form: the theme's own (GoKeys), the caller's, and those the layouts
// name with T (a string) or Tn (a plural) and a quoted key.
func (t *Theme) checkKeys(r *reader, extra []string) {
	if t.strs == nil {
		return // no strings: reported already
	}
	want := map[string]string{} // key → "string", "plural" or "any"
	for _, k := range GoKeys {
		if k, ok := strings.CutSuffix(k, "#plural"); ok {
			want[k] = "plural"
		} else {
			want[k] = "string"
		}
	}
	for _, k := range extra {
		if _, ok := want[k]; !ok {
			want[k] = "any"
		}
	}
	for _, tpl := range t.layouts {
		for _, tt := range tpl.Templates() {
			layoutKeys(tt, want)
		}
	}
	var missing, wrong []string
	for k, form := range want {
		switch v := t.strs[k].(type) {
		case nil:
			missing = append(missing, k)
		case string:
			if form == "plural" {
				wrong = append(wrong, k+" (a plural, with one: and other:)")
			}
		case map[string]any:
			_, one := v["one"].(string)
			_, other := v["other"].(string)
			switch {
			case form == "string":
				wrong = append(wrong, k+" (a string, not a plural)")
			case !one || !other:
				wrong = append(wrong, k+" (a plural needs both one: and other: strings)")
			}
		default:
			wrong = append(wrong, k+" (a string)")
		}
	}
	name := "i18n/" + t.lang + ".yaml"
	if len(missing) > 0 {
		slices.Sort(missing)
		r.fail(name, "missing %s: %s; the default theme's i18n/en.yaml has every key", plural(len(missing), "key", "keys"), strings.Join(missing, ", "))
	}
	if len(wrong) > 0 {
		slices.Sort(wrong)
		r.fail(name, "%s the wrong form: %s", plural(len(wrong), "this key has", "these keys have"), strings.Join(wrong, ", "))
	}
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// layoutKeys adds to want the keys that tpl names as a quoted first
// argument of T (a string) or Tn (a plural). A key computed in the
// template (T (printf "format_%s" .)) cannot be known here: the caller
// lists those in Options.Keys.
func layoutKeys(tpl *template.Template, want map[string]string) {
	if tpl.Tree == nil {
		return
	}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			if len(n.Args) >= 2 {
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "T" || id.Ident == "Tn") {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						form := "string"
						if id.Ident == "Tn" {
							form = "plural"
						}
						want[s.Text] = form
					}
				}
			}
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	walk(tpl.Tree.Root)
}
