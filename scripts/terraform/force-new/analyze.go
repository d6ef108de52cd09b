// Reads, from a Terraform provider's own code, which attributes of each resource type force a new
// resource. Built by scripts/force-new-table.ts inside the provider's module (a `go build -overlay`
// that adds this package and one entry_<provider>.go to the module in the Go module cache), so it
// runs against exactly the code `npm run validate` builds.
//
//   - schema fields: SDKv2 `ForceNew: true`, read from the live schema (helpers such as
//     commonschema.Location() included); plugin-framework `RequiresReplace*` plan modifiers, read
//     from the live schema by reflection;
//   - CustomizeDiff (SDKv2) and ModifyPlan (framework), and a raw-protocol PlanResourceChange, read
//     from the source with go/ast: `ForceNewIfChange(attr, cond)`, `ForceNewIf(attr, cond)`,
//     `diff.ForceNew(attr)` and `RequiresReplace = ...paths`, each with its condition as written
//     and, where the condition has a form the review can evaluate (a numeric decrease, an order
//     table), that form.
//
// Output: JSON on stdout, keys sorted, so a regeneration gives identical bytes.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// When is a condition the review can evaluate on the two values of the attribute.
type When struct {
	// "decrease": replaced when the new number is below the old; "increase": above;
	// "order-decrease" / "order-increase": by the rank of the values in Order.
	Kind  string           `json:"kind"`
	Order map[string]int64 `json:"order,omitempty"`
}

type Conditional struct {
	Attribute string `json:"attribute"`
	// ForceNewIfChange, ForceNewIf, ResourceDiff.ForceNew, RequiresReplaceIf, RequiresReplace (from ModifyPlan or PlanResourceChange).
	Rule      string `json:"rule"`
	Condition string `json:"condition"`
	When      *When  `json:"when,omitempty"`
	Source    string `json:"source"`
}

// The description the framework's RequiresReplace() modifiers carry (every type's package).
const unconditionalReplace = "If the value of this attribute changes, Terraform will destroy and recreate the resource."

type ResourceTable struct {
	ForceNew []string `json:"forceNew"`
	// Of ForceNew, the Optional+Computed ones: removed from the configuration, the provider keeps its value.
	Computed []string `json:"computed"`
	// Of ForceNew, the sets: a reordering is no change.
	Sets        []string      `json:"sets"`
	Conditional []Conditional `json:"conditional"`
}

type module struct {
	dir  string
	path string
	fset *token.FileSet
	// package directory -> parsed non-test files
	packages map[string][]*ast.File
}

func main() {
	dir := flag.String("module-dir", "", "the provider module's directory in the Go module cache")
	types := flag.String("types", "", "comma-separated resource types to report")
	flag.Parse()
	if *dir == "" || *types == "" {
		fail("usage: force-new -module-dir DIR -types a,b,c")
	}
	m := &module{dir: *dir, path: modulePath(*dir), fset: token.NewFileSet(), packages: map[string][]*ast.File{}}
	sdk := sdkProvider()
	fw := frameworkResources()
	out := map[string]ResourceTable{}
	var missing []string
	for _, t := range strings.Split(*types, ",") {
		table := ResourceTable{ForceNew: []string{}, Computed: []string{}, Sets: []string{}, Conditional: []Conditional{}}
		if r, ok := sdkResources(sdk)[t]; ok {
			walkSDK(r.SchemaMap(), "", &table)
			m.customizeDiff(t, &table)
		} else if r, ok := fw[t]; ok {
			var resp resource.SchemaResponse
			r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
			walkFramework(reflect.ValueOf(resp.Schema), "", &table)
			m.modifyPlan(r, &table)
		} else if raw := rawResources()[t]; raw != "" {
			m.rawRequiresReplace(raw, &table)
		} else {
			missing = append(missing, t)
			continue
		}
		sort.Strings(table.ForceNew)
		sort.Strings(table.Computed)
		sort.Strings(table.Sets)
		sort.SliceStable(table.Conditional, func(i, j int) bool {
			a, b := table.Conditional[i], table.Conditional[j]
			if a.Attribute != b.Attribute {
				return a.Attribute < b.Attribute
			}
			return a.Source < b.Source
		})
		out[t] = table
	}
	if len(missing) > 0 {
		fail("no resource type " + strings.Join(missing, ", ") + " in the provider")
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "force-new: "+message)
	os.Exit(1)
}

func modulePath(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		fail(err.Error())
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "module ") {
			return strings.TrimSpace(strings.TrimPrefix(line, "module "))
		}
	}
	fail("no module line in go.mod")
	return ""
}

func sdkResources(p *schema.Provider) map[string]*schema.Resource {
	if p == nil {
		return nil
	}
	return p.ResourcesMap
}

func frameworkResources() map[string]resource.Resource {
	out := map[string]resource.Resource{}
	for _, p := range frameworkProviders() {
		var meta provider.MetadataResponse
		p.Metadata(context.Background(), provider.MetadataRequest{}, &meta)
		for _, f := range p.Resources(context.Background()) {
			r := f()
			var resp resource.MetadataResponse
			r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
			out[resp.TypeName] = r
		}
	}
	return out
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// walkSDK records every ForceNew field, nested blocks as `block.field`.
func walkSDK(fields map[string]*schema.Schema, prefix string, table *ResourceTable) {
	for name, s := range fields {
		path := join(prefix, name)
		if s.ForceNew {
			table.ForceNew = append(table.ForceNew, path)
			if s.Optional && s.Computed {
				table.Computed = append(table.Computed, path)
			}
			if s.Type == schema.TypeSet {
				table.Sets = append(table.Sets, path)
			}
		}
		if r, ok := s.Elem.(*schema.Resource); ok {
			walkSDK(r.SchemaMap(), path, table)
		}
	}
}

// walkFramework reads a framework schema by reflection: every attribute's PlanModifiers, and the
// Attributes, Blocks and NestedObject of nested ones.
func walkFramework(v reflect.Value, prefix string, table *ResourceTable) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	if mods := v.FieldByName("PlanModifiers"); mods.IsValid() && mods.Kind() == reflect.Slice {
		for i := 0; i < mods.Len(); i++ {
			mod := mods.Index(i)
			typeName := reflect.Indirect(mod.Elem()).Type().String()
			lower := strings.ToLower(typeName)
			if !strings.Contains(lower, "requiresreplace") {
				continue
			}
			desc := ""
			if d, ok := mod.Interface().(interface{ Description(context.Context) string }); ok {
				desc = d.Description(context.Background())
			}
			// RequiresReplace() is RequiresReplaceIf with an always-true function and this description.
			if strings.Contains(lower, "requiresreplaceif") && desc != unconditionalReplace {
				table.Conditional = append(table.Conditional, Conditional{Attribute: prefix, Rule: "RequiresReplaceIf", Condition: desc, Source: typeName})
			} else {
				table.ForceNew = append(table.ForceNew, prefix)
				if c := v.FieldByName("Computed"); c.IsValid() && c.Kind() == reflect.Bool && c.Bool() {
					if o := v.FieldByName("Optional"); o.IsValid() && o.Kind() == reflect.Bool && o.Bool() {
						table.Computed = append(table.Computed, prefix)
					}
				}
			}
		}
	}
	for _, field := range []string{"Attributes", "Blocks"} {
		m := v.FieldByName(field)
		if !m.IsValid() || m.Kind() != reflect.Map {
			continue
		}
		keys := m.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			walkFramework(m.MapIndex(k), join(prefix, k.String()), table)
		}
	}
	if nested := v.FieldByName("NestedObject"); nested.IsValid() {
		walkFramework(nested, prefix, table)
	}
}

// parse returns the parsed non-test files of one package directory (relative to the module).
func (m *module) parse(rel string) []*ast.File {
	if files, ok := m.packages[rel]; ok {
		return files
	}
	entries, _ := os.ReadDir(filepath.Join(m.dir, rel))
	var files []*ast.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(m.fset, filepath.Join(m.dir, rel, e.Name()), nil, parser.ParseComments)
		if err == nil {
			files = append(files, f)
		}
	}
	m.packages[rel] = files
	return files
}

// packagesMentioning lists the package directories with a file holding the literal `"<text>"`.
func (m *module) packagesMentioning(text string) []string {
	needle := []byte(strconv.Quote(text))
	seen := map[string]bool{}
	var out []string
	_ = filepath.WalkDir(m.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if path != m.dir && (strings.HasPrefix(name, ".") || name == "website" || name == "examples" || name == "vendor" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err == nil && bytes.Contains(data, needle) {
			rel, _ := filepath.Rel(m.dir, filepath.Dir(path))
			if !seen[rel] {
				seen[rel] = true
				out = append(out, rel)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func funcDecl(files []*ast.File, name, receiver string) *ast.FuncDecl {
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != name || fd.Body == nil {
				continue
			}
			if receiverName(fd) == receiver {
				return fd
			}
		}
	}
	return nil
}

func receiverName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// customizeDiff finds the resource's CustomizeDiff in the source and records what it forces.
func (m *module) customizeDiff(resourceType string, table *ResourceTable) {
	for _, rel := range m.packagesMentioning(resourceType) {
		files := m.parse(rel)
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.KeyValueExpr:
					// "azurerm_redis_cache": resourceRedisCache(),
					if lit, ok := x.Key.(*ast.BasicLit); ok && lit.Value == strconv.Quote(resourceType) {
						if call, ok := x.Value.(*ast.CallExpr); ok {
							if id, ok := call.Fun.(*ast.Ident); ok {
								if fd := funcDecl(files, id.Name, ""); fd != nil {
									m.fromResourceFunc(rel, files, fd, table)
								}
							}
						}
					}
				case *ast.FuncDecl:
					// func (r XResource) ResourceType() string { return "azurerm_x" }
					if x.Name.Name == "ResourceType" && x.Body != nil && len(x.Body.List) == 1 {
						if ret, ok := x.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
							if lit, ok := ret.Results[0].(*ast.BasicLit); ok && lit.Value == strconv.Quote(resourceType) {
								if fd := funcDecl(files, "CustomizeDiff", receiverName(x)); fd != nil {
									m.collect(rel, files, fd.Body, nil, map[string]bool{}, 0, table)
								}
							}
						}
					}
				}
				return true
			})
		}
	}
}

func (m *module) fromResourceFunc(rel string, files []*ast.File, fd *ast.FuncDecl, table *ResourceTable) {
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "CustomizeDiff" {
				m.collect(rel, files, kv.Value, nil, map[string]bool{}, 0, table)
				return false
			}
		}
		return true
	})
}

// collect walks an expression or body, following same-package functions it names (depth 4), and
// records ForceNewIfChange, ForceNewIf and ResourceDiff.ForceNew calls with the conditions of the
// `if` statements around them.
func (m *module) collect(rel string, files []*ast.File, node ast.Node, conds []string, seen map[string]bool, depth int, table *ResourceTable) {
	if node == nil || depth > 4 {
		return
	}
	var visit func(n ast.Node, conds []string)
	visit = func(n ast.Node, conds []string) {
		ast.Inspect(n, func(c ast.Node) bool {
			switch x := c.(type) {
			case *ast.IfStmt:
				if x.Init != nil {
					visit(x.Init, conds)
				}
				cond := m.text(x.Cond)
				visit(x.Body, append(append([]string{}, conds...), cond))
				if x.Else != nil {
					visit(x.Else, append(append([]string{}, conds...), "!("+cond+")"))
				}
				return false
			case *ast.CallExpr:
				name := callName(x)
				switch {
				case (name == "ForceNewIfChange" || name == "ForceNewIf") && len(x.Args) == 2:
					attr, ok := stringLit(x.Args[0])
					cond := m.condition(rel, files, x.Args[1])
					c := Conditional{Rule: name, Condition: cond.text, Source: m.position(x)}
					// Only ForceNewIfChange's function gets (ctx, old, new, meta); ForceNewIf's gets the diff.
					if name == "ForceNewIfChange" {
						c.When = cond.when
					}
					if ok {
						c.Attribute = attr
					} else {
						c.Attribute = "(" + m.text(x.Args[0]) + ")"
					}
					table.Conditional = append(table.Conditional, c)
					return false
				case name == "ForceNew" && len(x.Args) == 1:
					if _, isSel := x.Fun.(*ast.SelectorExpr); isSel {
						attr, ok := stringLit(x.Args[0])
						if !ok {
							attr = "(" + m.text(x.Args[0]) + ")"
						}
						cond := strings.Join(conds, " && ")
						if cond == "" {
							cond = "whenever the CustomizeDiff runs and the attribute changes"
						}
						table.Conditional = append(table.Conditional, Conditional{Attribute: attr, Rule: "ResourceDiff.ForceNew", Condition: cond, Source: m.position(x)})
					}
					return false
				}
				if id, ok := x.Fun.(*ast.Ident); ok && !seen[id.Name] {
					if fd := funcDecl(files, id.Name, ""); fd != nil {
						seen[id.Name] = true
						m.collect(rel, files, fd.Body, conds, seen, depth+1, table)
					}
				}
				for _, a := range x.Args {
					if id, ok := a.(*ast.Ident); ok && !seen[id.Name] {
						if fd := funcDecl(files, id.Name, ""); fd != nil {
							seen[id.Name] = true
							m.collect(rel, files, fd.Body, conds, seen, depth+1, table)
						}
					}
				}
			case *ast.Ident:
				// CustomizeDiff: resourceKubernetesClusterCustomizeDiff
				if !seen[x.Name] {
					if fd := funcDecl(files, x.Name, ""); fd != nil {
						seen[x.Name] = true
						m.collect(rel, files, fd.Body, conds, seen, depth+1, table)
					}
				}
			}
			return true
		})
	}
	visit(node, conds)
}

func callName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func (m *module) text(n ast.Node) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, m.fset, n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (m *module) position(n ast.Node) string {
	p := m.fset.Position(n.Pos())
	rel, _ := filepath.Rel(m.dir, p.Filename)
	return fmt.Sprintf("%s:%d", filepath.ToSlash(rel), p.Line)
}

type condition struct {
	text string
	when *When
}

// condition renders a ForceNewIfChange condition: its comments and body as written, and, for the
// forms below, a When the review evaluates:
//
//	return new.(int) < old.(int)                   -> decrease (and the mirrored forms)
//	return weights[old.(string)] > weights[new.(string)], weights a package map literal -> order-decrease
func (m *module) condition(rel string, files []*ast.File, e ast.Expr) condition {
	var body *ast.BlockStmt
	var params []string
	switch f := e.(type) {
	case *ast.FuncLit:
		body = f.Body
		params = paramNames(f.Type)
	case *ast.Ident:
		if fd := funcDecl(files, f.Name, ""); fd != nil {
			body = fd.Body
			params = paramNames(fd.Type)
		}
	}
	if body == nil {
		return condition{text: m.text(e)}
	}
	var comments []string
	for _, f := range files {
		for _, cg := range f.Comments {
			if cg.Pos() >= body.Pos() && cg.End() <= body.End() {
				comments = append(comments, strings.TrimSpace(cg.Text()))
			}
		}
	}
	text := m.text(body)
	if len(comments) > 0 {
		text = strings.Join(comments, " ") + ": " + text
	}
	text = strings.Join(strings.Fields(text), " ")
	if len(params) < 3 {
		return condition{text: text}
	}
	oldName, newName := params[1], params[2]
	var returns []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
			if id, ok := r.Results[0].(*ast.Ident); !ok || (id.Name != "false") {
				returns = append(returns, r)
			}
		}
		return true
	})
	if len(returns) != 1 {
		return condition{text: text}
	}
	if kind := m.clearedOrDisabled(returns[0].Results[0], oldName, newName); kind != "" {
		return condition{text: text, when: &When{Kind: kind}}
	}
	bin, ok := returns[0].Results[0].(*ast.BinaryExpr)
	if !ok {
		return condition{text: text}
	}
	side := func(x ast.Expr) (string, string) {
		// old.(int) -> ("old",""); weights[old.(string)] -> ("old","weights")
		if idx, ok := x.(*ast.IndexExpr); ok {
			if mp, ok := idx.X.(*ast.Ident); ok {
				v, _ := side1(idx.Index)
				return v, mp.Name
			}
		}
		v, _ := side1(x)
		return v, ""
	}
	l, lm := side(bin.X)
	r, rm := side(bin.Y)
	var op string
	switch {
	case l == oldName && r == newName:
		op = map[token.Token]string{token.GTR: "decrease", token.GEQ: "decrease", token.LSS: "increase", token.LEQ: "increase"}[bin.Op]
	case l == newName && r == oldName:
		op = map[token.Token]string{token.LSS: "decrease", token.LEQ: "decrease", token.GTR: "increase", token.GEQ: "increase"}[bin.Op]
	}
	if op == "" || lm != rm {
		return condition{text: text}
	}
	if lm == "" {
		return condition{text: text, when: &When{Kind: op}}
	}
	order := m.mapLiteral(files, lm)
	if order == nil {
		return condition{text: text}
	}
	return condition{text: text, when: &When{Kind: "order-" + op, Order: order}}
}

func side1(x ast.Expr) (string, bool) {
	if ta, ok := x.(*ast.TypeAssertExpr); ok {
		x = ta.X
	}
	if id, ok := x.(*ast.Ident); ok {
		return id.Name, true
	}
	return "", false
}

func paramNames(t *ast.FuncType) []string {
	var out []string
	for _, f := range t.Params.List {
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
	}
	return out
}

// mapLiteral reads `var name = map[string]intN{"a": 1, ...}` with literal keys and values.
func (m *module) mapLiteral(files []*ast.File, name string) map[string]int64 {
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if n.Name != name || i >= len(vs.Values) {
						continue
					}
					cl, ok := vs.Values[i].(*ast.CompositeLit)
					if !ok {
						return nil
					}
					out := map[string]int64{}
					for _, el := range cl.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							return nil
						}
						k, ok := stringLit(kv.Key)
						lit, ok2 := kv.Value.(*ast.BasicLit)
						if !ok || !ok2 || lit.Kind != token.INT {
							return nil
						}
						v, err := strconv.ParseInt(lit.Value, 0, 64)
						if err != nil {
							return nil
						}
						out[k] = v
					}
					return out
				}
			}
		}
	}
	return nil
}

// modifyPlan records `resp.RequiresReplace` paths a framework resource's ModifyPlan sets.
func (m *module) modifyPlan(r resource.Resource, table *ResourceTable) {
	t := reflect.TypeOf(r)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(t.PkgPath(), m.path), "/")
	files := m.parse(rel)
	if fd := funcDecl(files, "ModifyPlan", t.Name()); fd != nil {
		m.requiresReplace(fd.Body, table)
	}
}

// rawRequiresReplace records the RequiresReplace paths of a raw-protocol PlanResourceChange
// (`file` relative to the module).
func (m *module) rawRequiresReplace(file string, table *ResourceTable) {
	files := m.parse(filepath.Dir(file))
	for _, f := range files {
		if filepath.Base(m.fset.Position(f.Pos()).Filename) != filepath.Base(file) {
			continue
		}
		m.requiresReplace(f, table)
	}
}

func (m *module) requiresReplace(node ast.Node, table *ResourceTable) {
	var visit func(n ast.Node, conds []string)
	visit = func(n ast.Node, conds []string) {
		ast.Inspect(n, func(c ast.Node) bool {
			switch x := c.(type) {
			case *ast.IfStmt:
				cond := m.text(x.Cond)
				visit(x.Body, append(append([]string{}, conds...), cond))
				if x.Else != nil {
					visit(x.Else, append(append([]string{}, conds...), "!("+cond+")"))
				}
				return false
			case *ast.AssignStmt:
				if len(x.Lhs) != 1 {
					return true
				}
				sel, ok := x.Lhs[0].(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "RequiresReplace" {
					return true
				}
				cond := strings.Join(conds, " && ")
				if cond == "" {
					cond = "always"
				}
				ast.Inspect(x.Rhs[0], func(p ast.Node) bool {
					call, ok := p.(*ast.CallExpr)
					if !ok {
						return true
					}
					if path := attributePath(call); path != "" {
						table.Conditional = append(table.Conditional, Conditional{Attribute: path, Rule: "RequiresReplace", Condition: cond, Source: m.position(call)})
						return false
					}
					return true
				})
				return false
			}
			return true
		})
	}
	visit(node, nil)
}

// attributePath reads tftypes.NewAttributePath().WithAttributeName("a").WithAttributeName("b")
// and path.Root("a").AtName("b") as "a.b".
func attributePath(call *ast.CallExpr) string {
	var steps []string
	for {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		switch sel.Sel.Name {
		case "WithAttributeName", "AtName", "Root":
			if len(call.Args) != 1 {
				return ""
			}
			s, ok := stringLit(call.Args[0])
			if !ok {
				return ""
			}
			steps = append([]string{s}, steps...)
			if sel.Sel.Name == "Root" {
				return strings.Join(steps, ".")
			}
		case "NewAttributePath":
			return strings.Join(steps, ".")
		default:
			return ""
		}
		inner, ok := sel.X.(*ast.CallExpr)
		if !ok {
			return ""
		}
		call = inner
	}
}

// clearedOrDisabled reads `old != "" && new == ""` (and `0`, `len(x) != 0 / == 0`) as "cleared":
// replaced when a set value is removed; `old.(bool) && !new.(bool)` as "disabled".
func (m *module) clearedOrDisabled(e ast.Expr, oldName, newName string) string {
	bin, ok := e.(*ast.BinaryExpr)
	if !ok || bin.Op != token.LAND {
		return ""
	}
	name := func(x ast.Expr) string {
		if call, ok := x.(*ast.CallExpr); ok && callName(call) == "len" && len(call.Args) == 1 {
			x = call.Args[0]
		}
		v, _ := side1(x)
		return v
	}
	empty := func(x ast.Expr) bool {
		lit, ok := x.(*ast.BasicLit)
		return ok && (lit.Value == `""` || lit.Value == "0")
	}
	l, lok := bin.X.(*ast.BinaryExpr)
	r, rok := bin.Y.(*ast.BinaryExpr)
	if lok && rok && l.Op == token.NEQ && r.Op == token.EQL && name(l.X) == oldName && empty(l.Y) && name(r.X) == newName && empty(r.Y) {
		return "cleared"
	}
	if n, ok := bin.Y.(*ast.UnaryExpr); ok && n.Op == token.NOT && name(bin.X) == oldName && name(n.X) == newName {
		return "disabled"
	}
	return ""
}
