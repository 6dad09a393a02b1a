package model

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
)

// This file turns TOML text into a tree of tnodes that keeps what plain map
// decoding loses: document order, the line of every key and value, and the
// exact text of numbers. It applies TOML's rules on defining tables and keys
// (the unstable parser is purely syntactic); decode.go maps the tree onto the
// model structs.

// tkind is the TOML type of a tnode.
type tkind int

const (
	kTable tkind = iota
	kArray
	kString
	kInteger
	kFloat
	kBool
	kDateTime
)

func (k tkind) String() string {
	switch k {
	case kTable:
		return "table"
	case kArray:
		return "array"
	case kString:
		return "string"
	case kInteger:
		return "integer"
	case kFloat:
		return "float"
	case kBool:
		return "boolean"
	default:
		return "date-time"
	}
}

// tdef records how a table came into being, which decides whether it may be
// reopened: TOML allows a [header] for a table created implicitly as the
// parent of an earlier [header], lets dotted keys extend only tables created
// by dotted keys, and seals inline tables.
type tdef int

const (
	defImplicit tdef = iota // parent of a [header] table, not yet defined itself
	defHeader               // [header], [[header]] element or the root
	defDotted               // created by a dotted key: a.b = 1
	defInline               // { ... }
)

// tnode is one TOML value with its position.
type tnode struct {
	kind tkind
	line int    // 1-based line of the key (tables, arrays) or of the value (scalars)
	path string // dotted key, with [i] for array elements: "groups.src.spike_times[0][1]"

	text string // scalars: the string's contents, the number's text, "true"/"false"

	keys   []string          // tables: keys in document order
	fields map[string]*tnode // tables
	def    tdef              // tables

	items []*tnode // arrays
	aot   bool     // array of tables, built by [[header]]
}

// typeName describes the node's type for "expected X, got Y" messages.
func (n *tnode) typeName() string {
	if n.aot {
		return "array of tables"
	}
	return n.kind.String()
}

func (n *tnode) add(key string, child *tnode) {
	if n.fields == nil {
		n.fields = make(map[string]*tnode)
	}
	n.keys = append(n.keys, key)
	n.fields[key] = child
}

// tomlReader builds the tree of one document.
type tomlReader struct {
	file  string
	data  []byte
	nl    []int          // offsets of the '\n' bytes of data
	lines map[string]int // line of every path, for Model.KeyPos
	p     unstable.Parser
}

// parseTOML parses data into a tree whose root is the top-level table. The
// returned map gives the line of every key path. Errors are *Error.
func parseTOML(file string, data []byte) (*tnode, map[string]int, error) {
	data = data[:len(data):len(data)] // make every highlight a subslice with an honest offset
	r := &tomlReader{file: file, data: data, lines: make(map[string]int)}
	for i, c := range data {
		if c == '\n' {
			r.nl = append(r.nl, i)
		}
	}
	root := &tnode{kind: kTable, line: 1, def: defHeader}
	cur := root
	r.p.Reset(data)
	for r.p.NextExpression() {
		e := r.p.Expression()
		var err error
		switch e.Kind {
		case unstable.Table:
			cur, err = r.header(root, e, false)
		case unstable.ArrayTable:
			cur, err = r.header(root, e, true)
		case unstable.KeyValue:
			err = r.keyValue(cur, e)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	if err := r.p.Error(); err != nil {
		return nil, nil, r.syntaxError(err)
	}
	return root, r.lines, nil
}

// lineAt is the 1-based line of a byte offset.
func (r *tomlReader) lineAt(off int) int {
	return sort.SearchInts(r.nl, off) + 1
}

func (r *tomlReader) lineOf(n *unstable.Node) int {
	return r.lineAt(int(n.Raw.Offset))
}

// syntaxError converts a parser error into an *Error at file:line:column,
// with the source line and a caret under the column.
func (r *tomlReader) syntaxError(err error) error {
	var perr *unstable.ParserError
	if !errors.As(err, &perr) {
		return &Error{Pos: Pos{File: r.file}, Msg: "syntax error: " + err.Error()}
	}
	off := cap(r.data) - cap(perr.Highlight)
	if perr.Highlight == nil || off < 0 || off > len(r.data) {
		off = len(r.data)
	}
	line := r.lineAt(off)
	start := 0
	if line > 1 {
		start = r.nl[line-2] + 1
	}
	end := len(r.data)
	if line <= len(r.nl) {
		end = r.nl[line-1]
	}
	src := strings.TrimSuffix(string(r.data[start:end]), "\r")
	col := utf8.RuneCount(r.data[start:off]) + 1
	return &Error{
		Pos:    Pos{File: r.file, Line: line},
		Column: col,
		Msg:    "syntax error: " + perr.Message + "\n" + caret(src, col),
	}
}

// caret shows a source line with a caret under the 1-based rune column col,
// both indented by four spaces. Tabs before the column are kept so the caret
// lines up.
func caret(src string, col int) string {
	var b strings.Builder
	b.WriteString("    ")
	b.WriteString(strings.ToValidUTF8(src, "\uFFFD"))
	b.WriteString("\n    ")
	i := 1
	for _, c := range src {
		if i >= col {
			break
		}
		if c == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	b.WriteByte('^')
	return b.String()
}

// keyPart is one part of a dotted key.
type keyPart struct {
	name string
	line int
}

func (r *tomlReader) keyParts(it unstable.Iterator) []keyPart {
	var parts []keyPart
	for it.Next() {
		k := it.Node()
		parts = append(parts, keyPart{name: string(k.Data), line: r.lineOf(k)})
	}
	return parts
}

// joinKey appends a key part to a dotted path, quoting parts that are not
// bare TOML keys.
func joinKey(path, key string) string {
	part := key
	if !isBareKey(key) {
		part = strconv.Quote(key)
	}
	if path == "" {
		return part
	}
	return path + "." + part
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func (r *tomlReader) errorf(line int, path, format string, args ...any) error {
	return &Error{Pos: Pos{File: r.file, Line: line, Key: path}, Msg: fmt.Sprintf(format, args...)}
}

// header handles [a.b.c] (aot false) and [[a.b.c]] (aot true) and returns the
// table that the following key-values go into.
func (r *tomlReader) header(root *tnode, e *unstable.Node, aot bool) (*tnode, error) {
	parts := r.keyParts(e.Key())
	t := root
	for _, part := range parts[:len(parts)-1] {
		path := joinKey(t.path, part.name)
		child, ok := t.fields[part.name]
		if !ok {
			child = &tnode{kind: kTable, line: part.line, path: path, def: defImplicit}
			t.add(part.name, child)
			r.lines[path] = part.line
			t = child
			continue
		}
		next, err := r.descendHeader(child, part, path)
		if err != nil {
			return nil, err
		}
		t = next
	}
	last := parts[len(parts)-1]
	path := joinKey(t.path, last.name)
	child, ok := t.fields[last.name]
	if aot {
		if !ok {
			child = &tnode{kind: kArray, line: last.line, path: path, aot: true}
			t.add(last.name, child)
			r.lines[path] = last.line
		} else if !child.aot {
			return nil, r.errorf(last.line, path, "cannot define an array of tables here: key already defined at line %d (%s)", child.line, child.typeName())
		}
		elemPath := fmt.Sprintf("%s[%d]", path, len(child.items))
		elem := &tnode{kind: kTable, line: last.line, path: elemPath, def: defHeader}
		child.items = append(child.items, elem)
		r.lines[elemPath] = last.line
		return elem, nil
	}
	if !ok {
		child = &tnode{kind: kTable, line: last.line, path: path, def: defHeader}
		t.add(last.name, child)
		r.lines[path] = last.line
		return child, nil
	}
	if child.kind == kTable && child.def == defImplicit {
		child.def = defHeader
		child.line = last.line
		r.lines[path] = last.line
		return child, nil
	}
	return nil, r.errorf(last.line, path, "duplicate key, first defined at line %d", child.line)
}

// descendHeader steps through an existing key on the path of a header.
func (r *tomlReader) descendHeader(child *tnode, part keyPart, path string) (*tnode, error) {
	switch {
	case child.aot:
		return child.items[len(child.items)-1], nil
	case child.kind != kTable:
		return nil, r.errorf(part.line, path, "expected a table, got %s (line %d)", child.typeName(), child.line)
	case child.def == defInline:
		return nil, r.errorf(part.line, path, "cannot extend the inline table of line %d", child.line)
	}
	return child, nil
}

// keyValue adds `a.b.c = value` to table t.
func (r *tomlReader) keyValue(t *tnode, kv *unstable.Node) error {
	parts := r.keyParts(kv.Key())
	for _, part := range parts[:len(parts)-1] {
		path := joinKey(t.path, part.name)
		child, ok := t.fields[part.name]
		switch {
		case !ok:
			child = &tnode{kind: kTable, line: part.line, path: path, def: defDotted}
			t.add(part.name, child)
			r.lines[path] = part.line
		case child.kind != kTable:
			return r.errorf(part.line, path, "expected a table, got %s (line %d)", child.typeName(), child.line)
		case child.def == defInline:
			return r.errorf(part.line, path, "cannot extend the inline table of line %d", child.line)
		case child.def != defDotted:
			return r.errorf(part.line, path, "cannot add dotted keys to the table defined at line %d; write them under its header", child.line)
		}
		t = child
	}
	last := parts[len(parts)-1]
	path := joinKey(t.path, last.name)
	if prev, ok := t.fields[last.name]; ok {
		return r.errorf(last.line, path, "duplicate key, first defined at line %d", prev.line)
	}
	n, err := r.value(kv.Value(), path, last.line)
	if err != nil {
		return err
	}
	t.add(last.name, n)
	r.lines[path] = n.line
	return nil
}

// value builds the node of a value. line is used for values without a raw
// position of their own (arrays).
func (r *tomlReader) value(v *unstable.Node, path string, line int) (*tnode, error) {
	switch v.Kind {
	case unstable.Array:
		n := &tnode{kind: kArray, line: line, path: path}
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			elemPath := fmt.Sprintf("%s[%d]", path, len(n.items))
			elem, err := r.value(c, elemPath, r.firstLine(c, line))
			if err != nil {
				return nil, err
			}
			r.lines[elemPath] = elem.line
			n.items = append(n.items, elem)
		}
		return n, nil
	case unstable.InlineTable:
		n := &tnode{kind: kTable, line: r.lineOf(v), path: path, def: defInline}
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind != unstable.KeyValue {
				continue
			}
			if err := r.keyValue(n, c); err != nil {
				return nil, err
			}
		}
		return n, nil
	}
	n := &tnode{line: r.lineOf(v), path: path}
	switch v.Kind {
	case unstable.String:
		n.kind, n.text = kString, string(v.Data)
	case unstable.Bool:
		n.kind, n.text = kBool, string(v.Data)
	case unstable.Integer:
		text, err := intText(string(v.Data))
		if err != nil {
			return nil, r.errorf(n.line, path, "%v", err)
		}
		n.kind, n.text = kInteger, text
	case unstable.Float:
		text, err := floatText(string(v.Data))
		if err != nil {
			return nil, r.errorf(n.line, path, "%v", err)
		}
		n.kind, n.text = kFloat, text
	default:
		n.kind, n.text = kDateTime, string(v.Data)
	}
	return n, nil
}

// firstLine is the line of a value: its own for scalars and inline tables,
// that of its first element for arrays, and fallback for empty arrays.
func (r *tomlReader) firstLine(v *unstable.Node, fallback int) int {
	for v.Kind == unstable.Array {
		c := v.Child()
		for c != nil && c.Kind == unstable.Comment {
			c = c.Next()
		}
		if c == nil {
			return fallback
		}
		v = c
	}
	return r.lineOf(v)
}

// intText is the decimal text of a TOML integer: underscores are dropped and
// hexadecimal, octal and binary integers are converted; a decimal integer
// otherwise keeps the text it was written with.
func intText(raw string) (string, error) {
	text := strings.ReplaceAll(raw, "_", "")
	digits := strings.TrimLeft(text, "+-")
	if len(digits) > 1 && digits[0] == '0' && strings.ContainsAny(digits[1:2], "xob") {
		i, err := strconv.ParseInt(text, 0, 64)
		if err != nil {
			return "", fmt.Errorf("integer %s is out of range", raw)
		}
		return strconv.FormatInt(i, 10), nil
	}
	if _, err := strconv.ParseInt(text, 10, 64); err != nil {
		return "", fmt.Errorf("integer %s is out of range", raw)
	}
	return text, nil
}

// floatText is the text of a TOML float without underscores. inf and nan are
// refused: no model quantity is infinite or undefined.
func floatText(raw string) (string, error) {
	text := strings.ReplaceAll(raw, "_", "")
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return "", fmt.Errorf("invalid float %s", raw)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "", fmt.Errorf("expected a finite number, got %s", raw)
	}
	return text, nil
}
