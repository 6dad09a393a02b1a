package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseError reports text that is not a quantity. Off is the byte offset of
// the fault in Text.
type ParseError struct {
	Text string
	Off  int
	Msg  string
	Hint string // optional, e.g. "did you mean mV, ms?"
}

// Error returns the message with the text, the 1-based column and the hint.
func (e *ParseError) Error() string {
	col := utf8.RuneCountInString(e.Text[:min(max(e.Off, 0), len(e.Text))]) + 1
	msg := fmt.Sprintf("units: %q: %s at column %d", e.Text, e.Msg, col)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Parse reads a quantity written as an optional sign, an optional number and
// an optional unit expression, separated by "*" or white space: "20*mV",
// "0.2 ms", "-0.8*nS", "8 pA*sqrt(second)", "1e-3 * nA", "3 mV/ms", "5",
// "ms", "siemens/meter**2", "10 nS / (100*0.05)", "m^2 kg s^-3 A^-1".
// A unit expression is a product (by "*" or juxtaposition) or quotient of
// unit names (see Lookup), numbers, parenthesised unit expressions and
// sqrt(...), each optionally raised with "**" or "^" to a constant power
// such as 2, -1, 0.5 or (1/3). Whole-power-of-ten unit scales are applied
// in decimal, so "0.2 ms" is the float64 nearest to 0.0002.
func Parse(s string) (Quantity, error) {
	p := &qparser{src: s}
	q, err := p.quantity()
	if err != nil {
		return Quantity{}, err
	}
	return q, nil
}

// MustParse is Parse for tests and tables of defaults written by
// programmers; it panics if s is not a quantity.
func MustParse(s string) Quantity {
	q, err := Parse(s)
	if err != nil {
		panic(err.Error())
	}
	return q
}

// uval is an intermediate unit-expression value f × 10^e10 with dimension dim.
type uval struct {
	f   float64
	e10 int
	dim Dim
}

func (v uval) float() float64 {
	if v.e10 == 0 {
		return v.f
	}
	p, _ := strconv.ParseFloat("1e"+strconv.Itoa(v.e10), 64)
	return v.f * p
}

const maxDepth = 100

type qparser struct {
	src   string
	pos   int
	depth int
}

func (p *qparser) errf(off int, format string, args ...any) error {
	return &ParseError{Text: p.src, Off: off, Msg: fmt.Sprintf(format, args...)}
}

func (p *qparser) skipSpace() {
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

func (p *qparser) peek() byte {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return 0
	}
	return p.src[p.pos]
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func (p *qparser) atIdent() bool {
	p.skipSpace()
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return p.pos < len(p.src) && isIdentStart(r)
}

func (p *qparser) atNumber() bool {
	c := p.peek()
	return c >= '0' && c <= '9' || c == '.' && p.pos+1 < len(p.src) && isDigit(p.src[p.pos+1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// number lexes a decimal literal and returns its text split into mantissa
// and decimal exponent.
func (p *qparser) number() (mant string, exp int, err error) {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
		p.pos++
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
			p.pos++
		}
	}
	mant = p.src[start:p.pos]
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		q := p.pos + 1
		if q < len(p.src) && (p.src[q] == '+' || p.src[q] == '-') {
			q++
		}
		if q < len(p.src) && isDigit(p.src[q]) {
			d := q
			for q < len(p.src) && isDigit(p.src[q]) {
				q++
			}
			e, aerr := strconv.Atoi(p.src[p.pos+1 : q])
			if aerr != nil || q-d > 6 {
				return "", 0, p.errf(start, "number %q out of range", p.src[start:q])
			}
			exp = e
			p.pos = q
		}
	}
	return mant, exp, nil
}

func (p *qparser) quantity() (Quantity, error) {
	if strings.TrimSpace(p.src) == "" {
		return Quantity{}, p.errf(0, "empty quantity")
	}
	sign := 1.0
	switch p.peek() {
	case '-':
		sign = -1
		p.pos++
	case '+':
		p.pos++
	}
	hasNum := p.atNumber()
	var mant string
	var exp int
	numOff := p.pos
	star := false
	if hasNum {
		var err error
		if mant, exp, err = p.number(); err != nil {
			return Quantity{}, err
		}
		if c := p.peek(); c == '^' || strings.HasPrefix(p.src[p.pos:], "**") {
			hasNum = false // "10**-3 s": the number is part of the unit expression
			p.pos = numOff
		}
	}
	if hasNum {
		if p.peek() == '*' && !strings.HasPrefix(p.src[p.pos:], "**") {
			p.pos++
			star = true
			if !p.atIdent() && p.peek() != '(' && !p.atNumber() {
				return Quantity{}, p.errf(p.pos, "missing unit after \"*\"")
			}
		}
	}
	u := uval{f: 1}
	if star || p.atIdent() || p.peek() == '(' || !hasNum && p.atNumber() {
		var err error
		if u, err = p.product(); err != nil {
			return Quantity{}, err
		}
	} else if !hasNum {
		return Quantity{}, p.unexpected()
	}
	if p.peek() != 0 {
		return Quantity{}, p.unexpected()
	}
	var v float64
	if !hasNum {
		v = u.float()
	} else if u.f == 1 {
		var err error
		v, err = strconv.ParseFloat(mant+"e"+strconv.Itoa(exp+u.e10), 64)
		if err != nil && !isRangeErr(err) {
			return Quantity{}, p.errf(numOff, "malformed number %q", mant)
		}
	} else {
		n, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(exp), 64)
		if err != nil && !isRangeErr(err) {
			return Quantity{}, p.errf(numOff, "malformed number %q", mant)
		}
		v = n * u.float()
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return Quantity{}, p.errf(0, "value is not a finite number")
	}
	return Quantity{Value: sign * v, Dim: u.dim}, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func (p *qparser) unexpected() error {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return p.errf(p.pos, "unexpected end of text")
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return p.errf(p.pos, "unexpected %q", r)
}

// product parses factor { ("*" | "/" | juxtaposition) factor }.
func (p *qparser) product() (uval, error) {
	v, err := p.power()
	if err != nil {
		return uval{}, err
	}
	for {
		c := p.peek()
		off := p.pos
		div := false
		switch {
		case c == '*' && !strings.HasPrefix(p.src[p.pos:], "**"):
			p.pos++
		case c == '/':
			p.pos++
			div = true
		case p.atIdent() || c == '(':
			// juxtaposition: "m^2 kg"
		default:
			return v, nil
		}
		w, err := p.power()
		if err != nil {
			return uval{}, err
		}
		if div {
			if w.f == 0 {
				return uval{}, p.errf(off, "division by zero")
			}
			d, err := v.dim.CheckedDiv(w.dim)
			if err != nil {
				return uval{}, p.errf(off, "%s", strings.TrimPrefix(err.Error(), "units: "))
			}
			v = uval{v.f / w.f, v.e10 - w.e10, d}
		} else {
			d, err := v.dim.CheckedMul(w.dim)
			if err != nil {
				return uval{}, p.errf(off, "%s", strings.TrimPrefix(err.Error(), "units: "))
			}
			v = uval{v.f * w.f, v.e10 + w.e10, d}
		}
		if v.e10 > 1000 || v.e10 < -1000 {
			return uval{}, p.errf(off, "value is not a finite number")
		}
	}
}

// power parses atom [("**" | "^") exponent].
func (p *qparser) power() (uval, error) {
	v, err := p.atom()
	if err != nil {
		return uval{}, err
	}
	p.skipSpace()
	off := p.pos
	switch {
	case strings.HasPrefix(p.src[p.pos:], "**"):
		p.pos += 2
	case strings.HasPrefix(p.src[p.pos:], "^"):
		p.pos++
	default:
		return v, nil
	}
	e, err := p.exponent()
	if err != nil {
		return uval{}, err
	}
	return p.raise(v, e, off)
}

func (p *qparser) raise(v uval, e float64, off int) (uval, error) {
	d, err := v.dim.Pow(e)
	if err != nil {
		return uval{}, p.errf(off, "%s", strings.TrimPrefix(err.Error(), "units: "))
	}
	if e == math.Trunc(e) && math.Abs(e) <= 64 && abs(v.e10) <= 1000 {
		return uval{math.Pow(v.f, e), v.e10 * int(e), d}, nil
	}
	r := math.Pow(v.float(), e)
	if math.IsNaN(r) {
		return uval{}, p.errf(off, "power of a negative number")
	}
	return uval{r, 0, d}, nil
}

// exponent parses a constant: [sign] number, or "(" [sign] number ["/" number] ")".
func (p *qparser) exponent() (float64, error) {
	paren := p.peek() == '('
	if paren {
		p.pos++
	}
	sign := 1.0
	switch p.peek() {
	case '-':
		sign = -1
		p.pos++
	case '+':
		p.pos++
	}
	x, err := p.constant()
	if err != nil {
		return 0, err
	}
	if paren {
		if p.peek() == '/' {
			p.pos++
			off := p.pos
			y, err := p.constant()
			if err != nil {
				return 0, err
			}
			if y == 0 {
				return 0, p.errf(off, "division by zero in exponent")
			}
			x /= y
		}
		if p.peek() != ')' {
			return 0, p.unexpectedWant("\")\"")
		}
		p.pos++
	}
	return sign * x, nil
}

func (p *qparser) constant() (float64, error) {
	if !p.atNumber() {
		return 0, p.unexpectedWant("a number as exponent")
	}
	off := p.pos
	mant, exp, err := p.number()
	if err != nil {
		return 0, err
	}
	x, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(exp), 64)
	if err != nil {
		return 0, p.errf(off, "bad exponent %q", p.src[off:p.pos])
	}
	return x, nil
}

func (p *qparser) unexpectedWant(want string) error {
	err := p.unexpected().(*ParseError)
	err.Msg += ", want " + want
	return err
}

// atom parses a unit name, a number, sqrt(...) or a parenthesised product.
func (p *qparser) atom() (uval, error) {
	p.skipSpace()
	off := p.pos
	switch {
	case p.peek() == '(':
		return p.parens()
	case p.atNumber():
		mant, exp, err := p.number()
		if err != nil {
			return uval{}, err
		}
		x, err := strconv.ParseFloat(mant, 64)
		if err != nil {
			return uval{}, p.errf(off, "malformed number %q", mant)
		}
		return uval{x, exp, Dimensionless}, nil
	case p.atIdent():
		for p.pos < len(p.src) {
			r, n := utf8.DecodeRuneInString(p.src[p.pos:])
			if !isIdentStart(r) && !unicode.IsDigit(r) {
				break
			}
			p.pos += n
		}
		name := p.src[off:p.pos]
		if name == "sqrt" && p.peek() == '(' {
			v, err := p.parens()
			if err != nil {
				return uval{}, err
			}
			return p.raise(v, 0.5, off)
		}
		u, ok := lookupUnit(name)
		if !ok {
			err := p.errf(off, "unknown unit %q", name).(*ParseError)
			if s := Suggest(name); len(s) > 0 {
				err.Hint = "did you mean " + strings.Join(s, ", ") + "?"
			}
			return uval{}, err
		}
		return uval{1, u.exp10, u.dim}, nil
	}
	return uval{}, p.unexpectedWant("a unit")
}

func (p *qparser) parens() (uval, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return uval{}, p.errf(p.pos, "parentheses nested too deeply")
	}
	p.pos++ // "("
	v, err := p.product()
	if err != nil {
		return uval{}, err
	}
	if p.peek() != ')' {
		return uval{}, p.unexpectedWant("\")\"")
	}
	p.pos++
	return v, nil
}
