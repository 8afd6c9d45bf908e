package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mailtutor/mailtutor/internal/glossary"
)

// zhText is one Chinese text of the project and where it is written.
type zhText struct {
	file string
	line int
	text string
}

// TestChineseFollowsGlossary checks every Chinese text of the project -
// Go string literals outside tests, the Chinese notes of the lessons -
// against the glossary's ruled-out words and typography.
func TestChineseFollowsGlossary(t *testing.T) {
	root := moduleRoot(t)
	rules, err := glossary.Load()
	if err != nil {
		t.Fatal(err)
	}
	texts := goTexts(t, root)
	if len(texts) < 500 {
		t.Fatalf("found only %d Chinese string literals: is the walk broken?", len(texts))
	}
	yamlTexts := lessonTexts(t, filepath.Join(root, "lessons"))
	if len(yamlTexts) < 200 {
		t.Fatalf("found only %d Chinese lesson notes: is the walk broken?", len(yamlTexts))
	}
	for _, x := range append(texts, yamlTexts...) {
		for _, f := range glossary.Check(rules, x.text) {
			line := x.line + strings.Count(x.text[:f.At], "\n")
			t.Errorf("%s:%d: %s %q: %s\n\t%s", x.file, line, f.Rule.Table, f.Match, f.Advice(), excerpt(x.text, f.At))
		}
	}
}

// excerpt returns the text around byte offset at, on one line.
func excerpt(text string, at int) string {
	r := []rune(text[:at])
	from := max(0, len(r)-20)
	rest := []rune(text[at:])
	to := min(len(rest), 24)
	return strings.ReplaceAll(string(r[from:])+string(rest[:to]), "\n", "⏎")
}

// moduleRoot finds the directory of go.mod above the test.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// goTexts returns every string literal holding a CJK ideograph in the
// module's Go files, tests, bench/ and testdata left out.
func goTexts(t *testing.T, root string) []zhText {
	t.Helper()
	var out []zhText
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "bench" || name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
				return true
			}
			if glossary.HasIdeograph(s) {
				out = append(out, zhText{rel, fset.Position(lit.Pos()).Line, s})
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// lessonTexts returns the Chinese notes of every lesson file in dir: the
// values of its "zh" keys (what the student types - type:, data: - and
// the mail of setup: are not what the tool says, and have none).
func lessonTexts(t *testing.T, dir string) []zhText {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no lessons in %s: %v", dir, err)
	}
	var out []zhText
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rel := filepath.Join(filepath.Base(dir), filepath.Base(path))
		walkYAML(&doc, "", func(key string, n *yaml.Node) {
			if key != "zh" || !glossary.HasIdeograph(n.Value) {
				return
			}
			line := n.Line
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				line++ // the text starts below the | or >
			}
			out = append(out, zhText{rel, line, n.Value})
		})
	}
	return out
}

// walkYAML calls visit for every scalar below n with the key it is the
// value of (the nearest mapping key above it).
func walkYAML(n *yaml.Node, key string, visit func(key string, n *yaml.Node)) {
	switch n.Kind {
	case yaml.ScalarNode:
		visit(key, n)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			walkYAML(n.Content[i+1], n.Content[i].Value, visit)
		}
	default:
		for _, c := range n.Content {
			walkYAML(c, key, visit)
		}
	}
}
