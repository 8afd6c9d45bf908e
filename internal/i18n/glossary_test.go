package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// glossaryFile is the project's Chinese glossary, relative to the module
// root; its "Ruled out" and "Typography" tables are the rules below.
const glossaryFile = "docs/glossary-zh.md"

// glossaryRule is one row of a machine-read table of the glossary: a
// regular expression that must not match Chinese text, and what to write
// instead.
type glossaryRule struct {
	table  string // "ruled out" or "typography"
	re     *regexp.Regexp
	advice string
}

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
	rules := readGlossary(t, filepath.Join(root, glossaryFile))
	texts := goTexts(t, root)
	if len(texts) < 500 {
		t.Fatalf("found only %d Chinese string literals: is the walk broken?", len(texts))
	}
	yamlTexts := lessonTexts(t, filepath.Join(root, "lessons"))
	if len(yamlTexts) < 200 {
		t.Fatalf("found only %d Chinese lesson notes: is the walk broken?", len(yamlTexts))
	}
	for _, x := range append(texts, yamlTexts...) {
		for _, f := range checkZh(rules, x.text) {
			line := x.line + strings.Count(x.text[:f.at], "\n")
			advice := f.rule.advice
			if strings.HasPrefix(f.match, "%") {
				advice = "%q prints ASCII quotes: write “%s”"
			}
			t.Errorf("%s:%d: %s %q: %s\n\t%s", x.file, line, f.rule.table, f.match, advice, excerpt(x.text, f.at))
		}
	}
}

// TestGlossaryRulesCatch proves that every rule of the glossary can fail,
// and that what the checks leave out (verbs, inline helpers, commands)
// does not.
func TestGlossaryRulesCatch(t *testing.T) {
	rules := readGlossary(t, filepath.Join(moduleRoot(t), glossaryFile))
	bad := map[string]string{
		"应答码":                                   "552 是应答码",
		"应答":                                    "服务器的应答",
		"回复":                                    "服务器回复了",
		"挑战":                                    "服务器发来挑战",
		"提问":                                    "服务器的提问",
		"回答":                                    "客户端回答",
		"信头":                                    "信头只能用 ASCII",
		"练习实验室":                                 "连接练习实验室",
		"实验室":                                   "本地实验室",
		"邮箱名":                                   "USER 后接邮箱名",
		"功能":                                    "服务器的功能",
		"肯定完成":                                  "2xx 肯定完成",
		"肯定中间":                                  "3xx 肯定中间",
		"否定完成":                                  "5xx 永久性否定完成",
		"注册表":                                   "注册表里没有",
		"转录":                                    "转录文件",
		"抄本":                                    "会话抄本",
		"(?i)transcript":                        "用 Transcript 保存",
		`等价于明文|可逆`:                              "以可逆的形式保存",
		`"`:                                     `输入 "." 结束`,
		`[ \t][“”]|[“”][ \t]`:                   "输入 “.” 结束",
		"`":                                     "试试 `:plain`",
		`\p{Han}[ ]?,|,[ ]?\p{Han}`:             "成功, 然后",
		`\p{Han}[;:]`:                           "下一步: 登录",
		`\(\p{Han}|\p{Han}\)`:                   "大小(字节)",
		`）（`:                                    "总大小（字节）（RFC 1939）",
		`RFC \d+ \d`:                            "见（RFC 5321 4.2.3）",
		`\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}`: "第4课",
	}
	for _, r := range rules {
		sample, ok := bad[r.re.String()]
		if !ok {
			t.Errorf("%s rule %q has no bad sample in this test: add one", r.table, r.re)
			continue
		}
		if found := checkZh([]glossaryRule{r}, sample); len(found) == 0 {
			t.Errorf("%s rule %q passes %q", r.table, r.re, sample)
		}
	}
	if len(rules) != len(bad) {
		t.Errorf("the glossary has %d rules, the test %d samples", len(rules), len(bad))
	}
	for _, bad := range []string{"邮箱 %q 不存在", "邮箱“%q”"} {
		if len(checkZh(rules, bad)) == 0 {
			t.Errorf("%q passes: %%q puts ASCII quotes into Chinese", bad)
		}
	}
	for _, good := range []string{
		"邮箱“INBOX”已选定", "共 %d 封", "%s已选定", "第 %[2]s 封，共 %5d 字节", "{mutf7:已发送} 是编码后的名字",
		"输入 LIST \"\" * 列出文件夹", "改用“LIST (SUBSCRIBED) \"\" *”", "例如 :append \"My mail\" note.eml", "和 Content-Type: multipart/mixed; boundary=\"b1\"", "用 a1 SELECT \"INBOX\" 选定", "（RFC 5321 第 4.2.3 节；RFC 3463 第 3.2 节）",
		"100%% 完成", "服务器的响应（质询）",
	} {
		for _, f := range checkZh(rules, good) {
			t.Errorf("%q fails %s rule %q on %q", good, f.rule.table, f.rule.re, f.match)
		}
	}
}

// finding is one rule matched in one text, at a byte offset of the text.
type finding struct {
	rule  glossaryRule
	match string
	at    int
}

// Parts of a string that are not Chinese prose: a fmt verb, an inline
// helper as typed ({mutf7:已发送}), and a command in ASCII (an upper-case
// word, possibly after a tag, or a prompt command such as :append, with
// its ASCII arguments, as in `a1 LIST "" *`), and a header field with an
// ASCII value (`Content-Type: multipart/mixed; boundary="b1"`).
var (
	zhFormatVerb = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?[0-9*]*(\.[0-9*]+)?[a-zA-Z%]`)
	inlineHelper = regexp.MustCompile(`\{[a-z0-9]+:[^}]*\}`)
	headerField  = regexp.MustCompile(`\b[A-Z][A-Za-z0-9-]*[A-Za-z0-9]:( +[!-~]*[!-~])+`)
	asciiCommand = regexp.MustCompile(`(\b[a-z]\d+ )?(\b[A-Z][A-Z0-9-]+|:[a-z][a-z0-9]*)( +[!-~]*["*\\][!-~]*| +[(A-Z0-9"*\\%<{][!-~]*)*`)
)

// checkZh returns what of rules text breaks. A text that holds no CJK
// ideograph is not Chinese and passes. Verbs, inline helpers and ASCII
// commands are masked first (by characters of the same byte length, so
// offsets stay true); %q becomes an ASCII quote, since it prints one.
func checkZh(rules []glossaryRule, text string) []finding {
	if !isChinese(text) {
		return nil
	}
	masked := mask(text)
	var out []finding
	for _, r := range rules {
		for _, loc := range r.re.FindAllStringIndex(masked, -1) {
			out = append(out, finding{r, text[loc[0]:loc[1]], loc[0]})
		}
	}
	return out
}

// mask replaces what is not prose by "□"-neutral bytes of the same length.
func mask(text string) string {
	blank := func(s string) string { return strings.Repeat("\x00", len(s)) }
	s := zhFormatVerb.ReplaceAllStringFunc(text, func(v string) string {
		if strings.HasSuffix(v, "q") {
			return `"` + strings.Repeat("\x00", len(v)-1)
		}
		return blank(v)
	})
	s = inlineHelper.ReplaceAllStringFunc(s, blank)
	s = headerField.ReplaceAllStringFunc(s, func(h string) string {
		if !strings.Contains(h, `"`) {
			return h
		}
		return blank(h)
	})
	return asciiCommand.ReplaceAllStringFunc(s, func(c string) string {
		if !strings.ContainsAny(c, `"*\`) {
			return c // a keyword alone keeps its spacing rules
		}
		return blank(c)
	})
}

// englishWord matches the small words of an English sentence.
var englishWord = regexp.MustCompile(`\b(the|an?|is|are|as|of|to|in|on|and|or|be|may|it|its|for|with|by|not|this|that|you|your)\b`)

// option matches a command-line option (--to), not an English word.
var option = regexp.MustCompile(`--[a-z][a-z-]*`)

// isChinese reports whether text is Chinese: it holds a CJK ideograph and
// is not an English sentence quoting a Chinese example ("Subject
// "第一封中文邮件" as an encoded word").
func isChinese(text string) bool {
	words := englishWord.FindAllString(option.ReplaceAllString(mask(text), ""), 3)
	return hasIdeograph(text) && len(words) < 2
}

// hasIdeograph reports whether s holds a CJK ideograph.
func hasIdeograph(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// excerpt returns the text around byte offset at, on one line.
func excerpt(text string, at int) string {
	r := []rune(text[:at])
	from := max(0, len(r)-20)
	rest := []rune(text[at:])
	to := min(len(rest), 24)
	return strings.ReplaceAll(string(r[from:])+string(rest[:to]), "\n", "⏎")
}

// readGlossary parses the two machine-read tables of the glossary.
func readGlossary(t *testing.T, path string) []glossaryRule {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rules []glossaryRule
	section := ""
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			section = ""
			if strings.Contains(line, "(machine-read)") {
				section = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(line[3:], "(machine-read)")))
			}
			continue
		case section == "" || !strings.HasPrefix(line, "|"):
			continue
		}
		cells := tableCells(line)
		if len(cells) != 3 || strings.HasPrefix(cells[0], "---") || !strings.HasPrefix(cells[0], "`") && !strings.HasPrefix(cells[1], "`") {
			continue // header or separator
		}
		pattern, advice := cells[0], cells[1]+" ("+cells[2]+")"
		if section == "typography" {
			pattern, advice = cells[1], cells[0]+": "+cells[2]
		}
		re, err := regexp.Compile(unBacktick(pattern))
		if err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		rules = append(rules, glossaryRule{section, re, advice})
	}
	if len(rules) < 20 {
		t.Fatalf("%s: read only %d rules", path, len(rules))
	}
	return rules
}

// tableCells splits a Markdown table row at the bars that are not
// escaped ("\|" is a bar inside a cell).
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cell strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cell.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// unBacktick returns the code of a Markdown code span (`x` or “ x “).
func unBacktick(s string) string {
	n := len(s) - len(strings.TrimLeft(s, "`"))
	s = strings.TrimSuffix(strings.TrimPrefix(s, strings.Repeat("`", n)), strings.Repeat("`", n))
	if n > 1 {
		s = strings.TrimSpace(s)
	}
	return s
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
			if hasIdeograph(s) {
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
			if key != "zh" || !hasIdeograph(n.Value) {
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
