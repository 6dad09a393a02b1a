package eqn

import (
	"errors"
	"fmt"
	"strings"

	"github.com/volleysim/volley/units"
)

// Kind is the kind of an equation line.
type Kind int

// The kinds of equation lines.
const (
	Differential  Kind = iota // dx/dt = expr : unit
	Subexpression             // x = expr : unit
	Parameter                 // x : unit
)

func (k Kind) String() string {
	switch k {
	case Differential:
		return "differential equation"
	case Subexpression:
		return "subexpression"
	}
	return "parameter"
}

// Equation is one line of a Brian2 equation string.
type Equation struct {
	Kind Kind
	Var  string
	Expr Expr      // right-hand side; nil for parameters
	Dim  units.Dim // dimension of Var (of the derivative times second for Differential)
	// Type is "float", "boolean" or "integer".
	Type  string
	Flags []string // normalised, e.g. "unless refractory", "constant over dt"
	Line  int      // 1-based line within the source
	Off   int      // offset of Var in the source
}

// Has reports whether the equation carries flag.
func (e Equation) Has(flag string) bool {
	for _, f := range e.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// Equations is a parsed equation string; Src is the text that offsets
// refer to.
type Equations struct {
	Src string
	Eqs []Equation
}

// Lookup returns the equation defining name.
func (q *Equations) Lookup(name string) (Equation, bool) {
	for _, e := range q.Eqs {
		if e.Var == name {
			return e, true
		}
	}
	return Equation{}, false
}

// flagKinds lists the flags Volley accepts and the kinds they apply to.
var flagKinds = map[string][]Kind{
	"unless refractory": {Differential},
	"constant":          {Parameter},
	"shared":            {Parameter, Subexpression},
	"constant over dt":  {Subexpression},
	"linked":            {Parameter},
	"summed":            {Subexpression},
	"event-driven":      {Differential},
	"clock-driven":      {Differential},
}

// ParseEquations parses a multi-line Brian2 equation string. Each
// non-blank line is one of
//
//	dx/dt = expr : unit [(flags)]
//	x = expr : unit [(flags)]
//	x : unit [(flags)]
//
// where unit is 1, boolean, integer or a coherent SI unit expression such as
// volt, amp, siemens/meter**2 (not a prefixed unit such as mV, as in Brian2),
// and flags are comma-separated: unless refractory, constant, shared,
// constant over dt, linked, summed, event-driven, clock-driven. "#" starts a
// comment. An equation may go on over several lines while a parenthesis is
// open or a line ends with an operator (as Brian2 allows). Errors are
// *SyntaxError values whose message names the line.
// Dimensions of right-hand sides are not checked here (see Dims).
func ParseEquations(src string) (*Equations, error) {
	eqs := &Equations{Src: src}
	// clean is src with comments blanked, offsets unchanged, so that an
	// equation continued over several lines parses as one range.
	clean := []byte(src)
	type line struct{ from, to, n int }
	var lines []line
	forEachLine(src, func(from, to int) error {
		for i := to; i < len(src) && src[i] != '\n'; i++ {
			clean[i] = ' '
		}
		lines = append(lines, line{from, to, len(lines) + 1})
		return nil
	})
	text := string(clean)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(text[l.from:l.to]) == "" {
			continue
		}
		to := l.to
		for i+1 < len(lines) && continues(text[l.from:to]) {
			i++
			to = lines[i].to
		}
		e, err := parseEquation(text, l.from, to)
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				se.Src = src
			}
			return nil, err
		}
		e.Line = l.n
		if prev, dup := eqs.Lookup(e.Var); dup {
			return nil, &SyntaxError{src, e.Off, fmt.Sprintf("%q is already defined on line %d", e.Var, prev.Line)}
		}
		eqs.Eqs = append(eqs.Eqs, e)
	}
	return eqs, nil
}

// continues reports whether an equation goes on to the next line: it has
// no ":" yet and has an unclosed parenthesis or ends with an operator, as in
//
//	dv/dt = -v/tau + (I_ee + I_ei
//	                  + I_ie + I_ii)/tau : volt
func continues(s string) bool {
	if strings.IndexByte(s, ':') >= 0 {
		return false
	}
	s = strings.TrimSpace(s)
	if strings.Count(s, "(") > strings.Count(s, ")") {
		return true
	}
	return s != "" && strings.IndexByte("+-*/(,=", s[len(s)-1]) >= 0
}

func parseEquation(src string, from, to int) (Equation, error) {
	colon := strings.IndexByte(src[from:to], ':')
	if colon < 0 {
		return Equation{}, &SyntaxError{src, to, "missing \": unit\" at the end of the equation"}
	}
	colon += from
	toks, err := lex(src, from, colon)
	if err != nil {
		return Equation{}, err
	}
	var e Equation
	isOp := func(i int, s string) bool { return i < len(toks) && toks[i].kind == tOp && toks[i].text == s }
	rhs := -1
	switch {
	case len(toks) >= 4 && toks[0].kind == tIdent && len(toks[0].text) > 1 && toks[0].text[0] == 'd' &&
		isOp(1, "/") && toks[2].kind == tIdent && toks[2].text == "dt" && isOp(3, "="):
		e.Kind, e.Var, e.Off, rhs = Differential, toks[0].text[1:], toks[0].off+1, 4
	case toks[0].kind == tIdent && isOp(1, "="):
		e.Kind, e.Var, e.Off, rhs = Subexpression, toks[0].text, toks[0].off, 2
	case toks[0].kind == tIdent && toks[1].kind == tEOF:
		e.Kind, e.Var, e.Off = Parameter, toks[0].text, toks[0].off
	default:
		t := toks[0]
		if t.kind == tIdent {
			t = toks[1]
		}
		return Equation{}, &SyntaxError{src, t.off, fmt.Sprintf("expected \"dx/dt = ...\", \"x = ...\" or \"x : unit\", found %s", t.describe())}
	}
	if _, isFunc := functions[e.Var]; isFunc || isKeyword(e.Var) || e.Var == "dt" || e.Var == "t" {
		return Equation{}, &SyntaxError{src, e.Off, fmt.Sprintf("%q is a reserved name", e.Var)}
	}
	if rhs >= 0 {
		if toks[rhs].kind == tEOF {
			return Equation{}, &SyntaxError{src, toks[rhs].off, "missing expression after \"=\""}
		}
		if e.Expr, err = parseRange(src, toks[rhs].off, colon); err != nil {
			return Equation{}, err
		}
	}
	if err := parseUnitAndFlags(src, colon+1, to, &e); err != nil {
		return Equation{}, err
	}
	return e, nil
}

func parseUnitAndFlags(src string, from, to int, e *Equation) error {
	unitEnd := to
	if p := strings.IndexByte(src[from:to], '('); p >= 0 {
		unitEnd = from + p
		body := strings.TrimRight(src[unitEnd+1:to], " \t\r")
		if !strings.HasSuffix(body, ")") {
			return &SyntaxError{src, unitEnd, "unclosed \"(\" in flags"}
		}
		off := unitEnd + 1
		for _, f := range strings.Split(strings.TrimSuffix(body, ")"), ",") {
			flag := strings.Join(strings.Fields(f), " ")
			at := off + len(f) - len(strings.TrimLeft(f, " \t"))
			off += len(f) + 1
			kinds, ok := flagKinds[flag]
			if !ok {
				return &SyntaxError{src, at, fmt.Sprintf("unknown flag %q (known flags: %s)", flag, knownFlags())}
			}
			if !containsKind(kinds, e.Kind) {
				return &SyntaxError{src, at, fmt.Sprintf("flag %q cannot be used on a %s", flag, e.Kind)}
			}
			e.Flags = append(e.Flags, flag)
		}
	}
	text := strings.TrimSpace(src[from:unitEnd])
	at := from + len(src[from:unitEnd]) - len(strings.TrimLeft(src[from:unitEnd], " \t"))
	e.Type = "float"
	switch text {
	case "":
		return &SyntaxError{src, at, "missing unit after \":\""}
	case "boolean", "integer":
		e.Type = text
		return nil
	}
	q, err := units.Parse(text)
	if err != nil {
		msg := err.Error()
		var pe *units.ParseError
		if errors.As(err, &pe) {
			msg = pe.Msg
			if pe.Hint != "" {
				msg += " (" + pe.Hint + ")"
			}
			at += pe.Off
		}
		return &SyntaxError{src, at, "bad unit: " + msg}
	}
	if q.Value != 1 {
		return &SyntaxError{src, at, fmt.Sprintf("unit %q is not a coherent SI unit; write %s (values are stored in SI units)", text, q.Dim)}
	}
	e.Dim = q.Dim
	return nil
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func knownFlags() string {
	return "unless refractory, constant, shared, constant over dt, linked, summed, event-driven, clock-driven"
}
