package eqn

import (
	"fmt"

	"github.com/volleysim/volley/units"
)

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 200

// parser is a recursive-descent parser over a token slice.
type parser struct {
	src   string
	toks  []token
	i     int
	depth int
}

// ParseExpr parses a Brian2 (Python) expression such as
// "(El - v)/tau + I/C" or "rand() < p and not flag". Precedence, loosest
// first: or, and, not, comparisons (not chained), + -, * / %, unary + -,
// ** (right-associative, so -x**2 is -(x**2) and 2**-1 is 2**(-1)).
func ParseExpr(src string) (Expr, error) {
	return parseRange(src, 0, len(src))
}

// parseRange parses src[from:to] as one expression; offsets refer to src.
func parseRange(src string, from, to int) (Expr, error) {
	toks, err := lex(src, from, to)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	if p.peek().kind == tEOF {
		return nil, &SyntaxError{src, from, "empty expression"}
	}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	return e, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) isOp(ops ...string) bool {
	t := p.peek()
	if t.kind != tOp && t.kind != tIdent {
		return false
	}
	for _, o := range ops {
		if t.text == o {
			return true
		}
	}
	return false
}

func (p *parser) unexpected(t token) error {
	return &SyntaxError{p.src, t.off, "unexpected " + t.describe()}
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return &SyntaxError{p.src, p.peek().off, "expression nested too deeply"}
	}
	return nil
}

func (p *parser) expr() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	return p.or()
}

func (p *parser) or() (Expr, error) {
	x, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.isOp("or") {
		t := p.next()
		y, err := p.and()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: "or", X: x, Y: y, Off: t.off}
	}
	return x, nil
}

func (p *parser) and() (Expr, error) {
	x, err := p.not()
	if err != nil {
		return nil, err
	}
	for p.isOp("and") {
		t := p.next()
		y, err := p.not()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: "and", X: x, Y: y, Off: t.off}
	}
	return x, nil
}

func (p *parser) not() (Expr, error) {
	if p.isOp("not") {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		t := p.next()
		x, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Unary{Op: "not", X: x, Off: t.off}, nil
	}
	return p.comparison()
}

var comparisons = []string{"<", "<=", ">", ">=", "==", "!="}

func (p *parser) comparison() (Expr, error) {
	x, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.peek().kind == tOp && p.isOp(comparisons...) {
		t := p.next()
		y, err := p.sum()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: t.text, X: x, Y: y, Off: t.off}
		if t2 := p.peek(); t2.kind == tOp && p.isOp(comparisons...) {
			return nil, &SyntaxError{p.src, t2.off, "chained comparisons are not supported (use \"and\")"}
		}
	}
	return x, nil
}

func (p *parser) sum() (Expr, error) {
	x, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tOp && p.isOp("+", "-") {
		t := p.next()
		y, err := p.term()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: t.text, X: x, Y: y, Off: t.off}
	}
	return x, nil
}

func (p *parser) term() (Expr, error) {
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tOp && p.isOp("*", "/", "//", "%") {
		t := p.next()
		y, err := p.unary()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: t.text, X: x, Y: y, Off: t.off}
	}
	return x, nil
}

func (p *parser) unary() (Expr, error) {
	if p.peek().kind == tOp && p.isOp("-", "+") {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		t := p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Unary{Op: t.text, X: x, Off: t.off}, nil
	}
	return p.power()
}

func (p *parser) power() (Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.peek().kind == tOp && p.isOp("**") {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		t := p.next()
		y, err := p.unary()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: "**", X: x, Y: y, Off: t.off}
	}
	return x, nil
}

func isKeyword(s string) bool { return s == "and" || s == "or" || s == "not" }

// isCallAt reports whether token i is an opening parenthesis.
func (p *parser) isCallAt(i int) bool {
	return i < len(p.toks) && p.toks[i].kind == tOp && p.toks[i].text == "("
}

func (p *parser) primary() (Expr, error) {
	t := p.next()
	switch t.kind {
	case tNum:
		v, err := parseNumber(p.src, t)
		if err != nil {
			return nil, err
		}
		num := &Num{Value: v, Text: t.text, Off: t.off}
		if u := p.peek(); u.kind == tIdent && !isKeyword(u.text) && !p.isCallAt(p.i+1) {
			if _, ok := units.Lookup(u.text); ok {
				// A quantity literal, "0.2 ms": the number times its unit,
				// binding tighter than any operator.
				p.next()
				return &Binary{Op: "*", X: num, Y: &Ident{Name: u.text, Off: u.off}, Off: u.off}, nil
			}
		}
		return num, nil
	case tIdent:
		if isKeyword(t.text) {
			return nil, p.unexpected(t)
		}
		if p.peek().kind == tOp && p.peek().text == "(" {
			return p.call(t)
		}
		return &Ident{Name: t.text, Off: t.off}, nil
	case tOp:
		if t.text == "(" {
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			if c := p.next(); c.text != ")" || c.kind != tOp {
				return nil, &SyntaxError{p.src, c.off, fmt.Sprintf("expected \")\" to close \"(\" at column %d, found %s", col(p.src, t.off), c.describe())}
			}
			return x, nil
		}
	}
	if t.kind == tEOF {
		return nil, &SyntaxError{p.src, t.off, "unexpected end of expression"}
	}
	return nil, p.unexpected(t)
}

func (p *parser) call(name token) (Expr, error) {
	open := p.next() // "("
	c := &Call{Fun: name.text, Off: name.off}
	if p.peek().kind == tOp && p.peek().text == ")" {
		p.next()
		return c, nil
	}
	for {
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		c.Args = append(c.Args, a)
		t := p.next()
		if t.kind == tOp && t.text == ")" {
			return c, nil
		}
		if t.kind != tOp || t.text != "," {
			return nil, &SyntaxError{p.src, t.off, fmt.Sprintf("expected \",\" or \")\" in call of %s opened at column %d, found %s", name.text, col(p.src, open.off), t.describe())}
		}
	}
}

// col returns the 1-based column of off within its line.
func col(src string, off int) int {
	n := 1
	for i, r := range src {
		if i >= off {
			break
		}
		n++
		if r == '\n' {
			n = 1
		}
	}
	return n
}
