package eqn

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseExprCanonical(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"1", "1"},
		{"1.5", "1.5"},
		{".5", ".5"},
		{"1e-3", "1e-3"},
		{"1.E3", "1.E3"},
		{"v+3*ms", "v + 3*ms"},
		{"  v \t+\n3 * ms ", "v + 3*ms"},
		{"(El - v)/tau", "(El - v)/tau"},
		{"-x**2", "-x**2"},
		{"(-x)**2", "(-x)**2"},
		{"2**-1", "2**-1"},
		{"2**(-1)", "2**-1"},
		{"a**b**c", "a**b**c"},
		{"(a**b)**c", "(a**b)**c"},
		{"a**(b**c)", "a**b**c"},
		{"a-(b-c)", "a - (b - c)"},
		{"(a-b)-c", "a - b - c"},
		{"a/(b*c)", "a/(b*c)"},
		{"(a/b)*c", "a/b*c"},
		{"a*(b/c)", "a*(b/c)"},
		{"a % b * c", "a%b*c"},
		{"-(a+b)", "-(a + b)"},
		{"- - a", "--a"},
		{"+a", "+a"},
		{"a*-b", "a*-b"},
		{"a - -b", "a - -b"},
		{"a < b and not c or d", "a < b and not c or d"},
		{"a < (b and c)", "a < (b and c)"},
		{"(a < b) == c", "(a < b) == c"},
		{"not (a or b)", "not (a or b)"},
		{"not a == b", "not a == b"},
		{"(not a) + 1", "(not a) + 1"},
		{"a or b and c", "a or b and c"},
		{"(a or b) and c", "(a or b) and c"},
		{"exp(-v/tau)", "exp(-v/tau)"},
		{"clip(v,  0*mV,inf)", "clip(v, 0*mV, inf)"},
		{"rand()", "rand()"},
		{"f((a))", "f(a)"},
		{"a<=b", "a <= b"}, {"a>=b", "a >= b"}, {"a!=b", "a != b"}, {"a==b", "a == b"}, {"a>b", "a > b"},
		{"µ_1 * x2", "µ_1*x2"},
	}
	for _, tc := range tests {
		e, err := ParseExpr(tc.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tc.in, err)
			continue
		}
		if got := String(e); got != tc.want {
			t.Errorf("String(ParseExpr(%q)) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseExprOffsets(t *testing.T) {
	t.Parallel()
	e, err := ParseExpr("a + f(b, 2.5)")
	if err != nil {
		t.Fatal(err)
	}
	b := e.(*Binary)
	c := b.Y.(*Call)
	if b.Off != 2 || b.X.Pos() != 0 || c.Off != 4 || c.Args[0].Pos() != 6 || c.Args[1].(*Num).Off != 9 || c.Args[1].(*Num).Value != 2.5 {
		t.Errorf("wrong offsets in %#v", e)
	}
}

func TestParseExprErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		off  int
		want string
	}{
		{"", 0, "empty expression"},
		{"   ", 0, "empty expression"},
		{"v +", 3, "unexpected end of expression"},
		{"v + * 3", 4, `unexpected "*"`},
		{"3ms", 0, `invalid number "3ms" (write a product with "*", as in 3*ms)`},
		{"1e", 0, `invalid number "1e"`},
		{"(a + b", 6, `expected ")" to close "(" at column 1, found end of expression`},
		{"a + b)", 5, `unexpected ")"`},
		{"f(a,", 4, "unexpected end of expression"},
		{"f(a b)", 4, `expected "," or ")" in call of f opened at column 2, found name "b"`},
		{"1 < 2 < 3", 6, "chained comparisons are not supported"},
		{"a $ b", 2, "unexpected character '$'"},
		{"x.y", 1, "unexpected character '.'"},
		{"a and", 5, "unexpected end of expression"},
		{"and a", 0, `unexpected name "and"`},
		{"a = b", 2, `unexpected "="`},
		{"a b", 2, `unexpected name "b"`},
		{"1e999", 0, "number 1e999 out of range"},
		{"a\xffb", 1, "invalid UTF-8"},
		{"a == not b", 5, `unexpected name "not"`},
		{strings.Repeat("(", 300) + "a" + strings.Repeat(")", 300), 200, "nested too deeply"},
		{strings.Repeat("-", 300) + "a", 199, "nested too deeply"},
	}
	for _, tc := range tests {
		_, err := ParseExpr(tc.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseExpr(%q): error %v, want *SyntaxError", tc.in, err)
			continue
		}
		if se.Off != tc.off || !strings.Contains(se.Msg, tc.want) {
			t.Errorf("ParseExpr(%q): error %q at %d, want %q at %d", tc.in, se.Msg, se.Off, tc.want, tc.off)
		}
	}
}

func TestSyntaxErrorCaret(t *testing.T) {
	t.Parallel()
	_, err := ParseExpr("v + * 3")
	want := "syntax error: unexpected \"*\"\n  v + * 3\n      ^"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	err = &SyntaxError{Src: "a = 1\n\tb = c d", Off: 13, Msg: "unexpected name \"d\""}
	want = "line 2: syntax error: unexpected name \"d\"\n  \tb = c d\n  \t      ^"
	if err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// genExpr builds a random tree of the given depth over the names x, y, z.
// Numbers are non-negative, as the parser produces them.
func genExpr(rng *rand.Rand, depth int, logic bool) Expr {
	if depth == 0 || rng.IntN(5) == 0 {
		if rng.IntN(2) == 0 {
			return &Ident{Name: []string{"x", "y", "z"}[rng.IntN(3)]}
		}
		v := float64(rng.IntN(20)) / 4
		return &Num{Value: v}
	}
	ops := []string{"+", "-", "*", "/", "//", "**", "%"}
	if logic {
		ops = append(ops, "<", "<=", ">", ">=", "==", "!=", "and", "or")
	}
	switch k := rng.IntN(10); {
	case k < 6:
		return &Binary{Op: ops[rng.IntN(len(ops))], X: genExpr(rng, depth-1, logic), Y: genExpr(rng, depth-1, logic)}
	case k < 8:
		op := []string{"-", "+", "not"}[rng.IntN(2+boolInt(logic))]
		return &Unary{Op: op, X: genExpr(rng, depth-1, logic)}
	default:
		fs := []string{"exp", "abs", "sin", "tanh", "exprel", "floor", "sign"}
		if rng.IntN(4) == 0 {
			return &Call{Fun: "clip", Args: []Expr{genExpr(rng, depth-1, logic), genExpr(rng, depth-1, logic), genExpr(rng, depth-1, logic)}}
		}
		return &Call{Fun: fs[rng.IntN(len(fs))], Args: []Expr{genExpr(rng, depth-1, logic)}}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sameTree compares trees ignoring offsets and number spelling.
func sameTree(a, b Expr) bool {
	switch a := a.(type) {
	case *Num:
		b, ok := b.(*Num)
		return ok && a.Value == b.Value
	case *Ident:
		b, ok := b.(*Ident)
		return ok && a.Name == b.Name
	case *Unary:
		b, ok := b.(*Unary)
		return ok && a.Op == b.Op && sameTree(a.X, b.X)
	case *Binary:
		b, ok := b.(*Binary)
		return ok && a.Op == b.Op && sameTree(a.X, b.X) && sameTree(a.Y, b.Y)
	case *Call:
		b, ok := b.(*Call)
		if !ok || a.Fun != b.Fun || len(a.Args) != len(b.Args) {
			return false
		}
		for i := range a.Args {
			if !sameTree(a.Args[i], b.Args[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func TestPrintParseRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 3000; i++ {
		e := genExpr(rng, 1+i%6, true)
		s := String(e)
		back, err := ParseExpr(s)
		if err != nil {
			t.Fatalf("ParseExpr(String(e)) for %q: %v", s, err)
		}
		if !sameTree(e, back) {
			t.Fatalf("round trip changed the tree: %q reparsed prints %q", s, String(back))
		}
		if s2 := String(back); s2 != s {
			t.Fatalf("String not stable: %q then %q", s, s2)
		}
	}
}

// A number followed by a unit name is a quantity literal that binds tighter
// than any operator: "-65 mV" is -(65*mV), "1/2 ms" is 1/(2*ms).
func TestQuantityLiteral(t *testing.T) {
	t.Parallel()
	cases := []struct{ src, want string }{
		{"0.2 ms", "0.2 * ms"},
		{"-65 mV", "-(65 * mV)"},
		{"uniform(-65 mV, -50 mV)", "uniform(-(65 * mV), -(50 * mV))"},
		{"1/2 ms", "1 / (2 * ms)"},
		{"3 x", ""},
	}
	for _, tc := range cases {
		e, err := ParseExpr(tc.src)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%q: no error for a number followed by a name that is not a unit", tc.src)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		want, err := ParseExpr(tc.want)
		if err != nil {
			t.Fatal(err)
		}
		if String(e) != String(want) {
			t.Errorf("%q parsed as %s, want %s", tc.src, String(e), String(want))
		}
	}
}
