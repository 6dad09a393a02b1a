package eqn

import (
	"fmt"
	"strings"
)

// Statement is one assignment of a reset or on_pre/on_post block, such as
// "v = Vr" or "w += b". Op is "=", "+=", "-=", "*=" or "/=".
type Statement struct {
	Var  string
	Op   string
	Expr Expr
	Off  int // offset of Var in the source
}

// String prints the statement in canonical form: "w += b".
func (s Statement) String() string { return s.Var + " " + s.Op + " " + String(s.Expr) }

var assignOps = map[string]bool{"=": true, "+=": true, "-=": true, "*=": true, "/=": true}

// ParseStatements parses assignments separated by newlines or ";", such as
// "v = Vr; w += b". Blank statements and "#" comments are ignored.
func ParseStatements(src string) ([]Statement, error) {
	var out []Statement
	err := forEachLine(src, func(from, to int) error {
		for from <= to {
			end := strings.IndexByte(src[from:to], ';')
			if end < 0 {
				end = to
			} else {
				end += from
			}
			if strings.TrimSpace(src[from:end]) != "" {
				s, err := parseStatement(src, from, end)
				if err != nil {
					return err
				}
				out = append(out, s)
			}
			from = end + 1
		}
		return nil
	})
	return out, err
}

func parseStatement(src string, from, to int) (Statement, error) {
	toks, err := lex(src, from, to)
	if err != nil {
		return Statement{}, err
	}
	name := toks[0]
	if name.kind != tIdent || isKeyword(name.text) {
		return Statement{}, &SyntaxError{src, name.off, fmt.Sprintf("expected a variable name at the start of a statement, found %s", name.describe())}
	}
	op := toks[1]
	if op.kind != tOp || !assignOps[op.text] {
		return Statement{}, &SyntaxError{src, op.off, fmt.Sprintf("expected one of = += -= *= /= after %q, found %s", name.text, op.describe())}
	}
	if toks[2].kind == tEOF {
		return Statement{}, &SyntaxError{src, toks[2].off, fmt.Sprintf("missing expression after %q", op.text)}
	}
	e, err := parseRange(src, toks[2].off, to)
	if err != nil {
		return Statement{}, err
	}
	return Statement{Var: name.text, Op: op.text, Expr: e, Off: name.off}, nil
}

// forEachLine calls fn with the byte range of every line of src, with any
// "#" comment removed.
func forEachLine(src string, fn func(from, to int) error) error {
	for from := 0; from <= len(src); {
		end := strings.IndexByte(src[from:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += from
		}
		to := end
		if c := strings.IndexByte(src[from:end], '#'); c >= 0 {
			to = from + c
		}
		if err := fn(from, to); err != nil {
			return err
		}
		from = end + 1
	}
	return nil
}
