package eqn

import (
	"strconv"
	"strings"
)

// Precedence levels, loosest first.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCmp
	precSum
	precTerm
	precUnary
	precPow
	precAtom
)

func binaryPrec(op string) int {
	switch op {
	case "or":
		return precOr
	case "and":
		return precAnd
	case "<", "<=", ">", ">=", "==", "!=":
		return precCmp
	case "+", "-":
		return precSum
	case "*", "/", "//", "%":
		return precTerm
	case "**":
		return precPow
	}
	return precAtom
}

func prec(e Expr) int {
	switch e := e.(type) {
	case *Binary:
		return binaryPrec(e.Op)
	case *Unary:
		if e.Op == "not" {
			return precNot
		}
		return precUnary
	case *Num:
		if e.Text == "" && (e.Value < 0 || e.Value == 0 && 1/e.Value < 0) {
			return precUnary // printed with a leading "-"
		}
	}
	return precAtom
}

// String prints e in canonical form with the fewest parentheses that keep
// its structure: ParseExpr(String(e)) returns a tree equal to e (apart from
// offsets). Binary + - and comparisons, and, or are surrounded by spaces;
// * / % ** are not: "v + 3*ms", "-(a + b)/c", "x**-1". Numbers print their
// source text when they have one, else the shortest decimal that parses back
// to the same float64.
func String(e Expr) string {
	var b strings.Builder
	write(&b, e)
	return b.String()
}

func write(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *Num:
		if e.Text != "" {
			b.WriteString(e.Text)
		} else {
			b.WriteString(formatNum(e.Value))
		}
	case *Ident:
		b.WriteString(e.Name)
	case *Unary:
		b.WriteString(e.Op)
		if e.Op == "not" {
			b.WriteByte(' ')
			writeChild(b, e.X, prec(e.X) < precNot)
		} else {
			writeChild(b, e.X, prec(e.X) < precUnary)
		}
	case *Binary:
		p := binaryPrec(e.Op)
		switch {
		case e.Op == "**":
			// Right-associative; the right operand is parsed as a unary.
			writeChild(b, e.X, prec(e.X) <= precPow)
			b.WriteString("**")
			writeChild(b, e.Y, prec(e.Y) < precUnary)
		case p == precCmp:
			writeChild(b, e.X, prec(e.X) <= precCmp)
			b.WriteString(" " + e.Op + " ")
			writeChild(b, e.Y, prec(e.Y) <= precCmp)
		default:
			writeChild(b, e.X, prec(e.X) < p)
			if p == precTerm {
				b.WriteString(e.Op)
			} else {
				b.WriteString(" " + e.Op + " ")
			}
			writeChild(b, e.Y, prec(e.Y) <= p)
		}
	case *Call:
		b.WriteString(e.Fun)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, a)
		}
		b.WriteByte(')')
	case nil:
		b.WriteString("<nil>")
	}
}

func writeChild(b *strings.Builder, e Expr, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	write(b, e)
	if paren {
		b.WriteByte(')')
	}
}

// formatNum writes a float64 so that the lexer reads it back exactly.
func formatNum(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	switch s {
	case "+Inf":
		return "inf"
	case "-Inf":
		return "-inf"
	case "NaN":
		return "nan"
	}
	return s
}
