package eqn

import (
	"errors"
	"strings"
	"testing"

	"github.com/volleysim/volley/units"
)

// cobaEqs is the neuron model of Brian2's COBA benchmark
// (examples/COBAHH.py and the Vogels-Abbott network), with extra lines for
// every kind and flag.
const cobaEqs = `
dv/dt  = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v))/C : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens  # inhibitory
I = ge*(Ee - v) : amp
g_area : siemens/meter**2 (constant)
active : boolean
count : integer (shared, constant)
rate = 1/taue : hertz (constant over dt)
x : 1
`

func TestParseEquations(t *testing.T) {
	t.Parallel()
	eqs, err := ParseEquations(cobaEqs)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind  Kind
		name  string
		rhs   string
		dim   units.Dim
		typ   string
		flags string
		line  int
	}{
		{Differential, "v", "(gl*(El - v) + ge*(Ee - v) + gi*(Ei - v))/C", units.Volt, "float", "unless refractory", 2},
		{Differential, "ge", "-ge/taue", units.Siemens, "float", "", 3},
		{Differential, "gi", "-gi/taui", units.Siemens, "float", "", 4},
		{Subexpression, "I", "ge*(Ee - v)", units.Amp, "float", "", 5},
		{Parameter, "g_area", "", units.Siemens.Div(units.Metre.Mul(units.Metre)), "float", "constant", 6},
		{Parameter, "active", "", units.Dimensionless, "boolean", "", 7},
		{Parameter, "count", "", units.Dimensionless, "integer", "shared|constant", 8},
		{Subexpression, "rate", "1/taue", units.Hertz, "float", "constant over dt", 9},
		{Parameter, "x", "", units.Dimensionless, "float", "", 10},
	}
	if len(eqs.Eqs) != len(want) {
		t.Fatalf("got %d equations, want %d", len(eqs.Eqs), len(want))
	}
	for i, w := range want {
		e := eqs.Eqs[i]
		rhs := ""
		if e.Expr != nil {
			rhs = String(e.Expr)
		}
		if e.Kind != w.kind || e.Var != w.name || rhs != w.rhs || e.Dim != w.dim || e.Type != w.typ ||
			strings.Join(e.Flags, "|") != w.flags || e.Line != w.line {
			t.Errorf("equation %d = %+v (rhs %q), want %+v", i, e, rhs, w)
		}
		if cobaEqs[e.Off:e.Off+len(e.Var)] != e.Var {
			t.Errorf("equation %d: offset %d does not point at %q", i, e.Off, e.Var)
		}
	}
	if v, ok := eqs.Lookup("v"); !ok || !v.Has("unless refractory") || v.Has("constant") {
		t.Errorf("Lookup(v) = %+v, %v", v, ok)
	}
	if _, ok := eqs.Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
}

func TestParseEquationsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		line int
		col  int // 1-based column of the caret
		want string
	}{
		{"dv/dt = -v/tau", 1, 15, `missing ": unit"`},
		{"dv/dt = -v/tau : mV", 1, 18, `unit "mV" is not a coherent SI unit; write V`},
		{"dv/dt = -v/tau : volts", 1, 18, `bad unit: unknown unit "volts"`},
		{"x : \n", 1, 5, `missing unit after ":"`},
		{"dv/dt = : volt", 1, 9, `missing expression after "="`},
		{"dv/dt = -v/ : volt", 1, 13, "unexpected end of expression"},
		{"x : volt (constant", 1, 10, `unclosed "(" in flags`},
		{"x : volt (constnt)", 1, 11, `unknown flag "constnt"`},
		{"x : volt (unless refractory)", 1, 11, `flag "unless refractory" cannot be used on a parameter`},
		{"dx/dt = 1/second : 1 (constant)", 1, 23, `flag "constant" cannot be used on a differential equation`},
		{"x : volt\n\nx : amp", 3, 1, `"x" is already defined on line 1`},
		{"a b : volt", 1, 3, `expected "dx/dt = ...", "x = ..." or "x : unit", found name "b"`},
		{"3 = 1 : volt", 1, 1, "found number 3"},
		{"dv/dx = 1 : volt", 1, 3, `expected "dx/dt = ...", "x = ..." or "x : unit", found "/"`},
		{"exp = 1 : 1", 1, 1, `"exp" is a reserved name`},
		{"dt : second", 1, 1, `"dt" is a reserved name`},
		{"a = 3ms : second", 1, 5, `invalid number "3ms"`},
	}
	for _, tc := range tests {
		_, err := ParseEquations(tc.in)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, tc.want) {
			t.Errorf("ParseEquations(%q): error %v, want %q", tc.in, err, tc.want)
			continue
		}
		if got := strings.Count(tc.in[:se.Off], "\n") + 1; got != tc.line || col(tc.in, se.Off) != tc.col {
			t.Errorf("ParseEquations(%q): error at line %d column %d, want %d:%d\n%v", tc.in, got, col(tc.in, se.Off), tc.line, tc.col, err)
		}
	}
	_, err := ParseEquations("x : volt\ndv/dt = -v/tau : mvolt")
	want := "line 2: syntax error: unit \"mvolt\" is not a coherent SI unit; write V (values are stored in SI units)\n  dv/dt = -v/tau : mvolt\n                   ^"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// An equation goes on over several lines while a parenthesis is open or a
// line ends with an operator, as Brian2 allows (the Tsodyks 2000 neuron of
// testdata/seeds); comments may end each line. Other lines without ": unit"
// are still errors.
func TestParseEquationsContinued(t *testing.T) {
	t.Parallel()
	src := "dv/dt = -v/tau + (I_ee + I_ei # excitatory\n    + I_ii)/tau + # inhibitory\n    I_b/tau : volt (unless refractory)\nw : 1"
	q, err := ParseEquations(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Eqs) != 2 || q.Eqs[0].Line != 1 || q.Eqs[1].Line != 4 || !q.Eqs[0].Has("unless refractory") {
		t.Fatalf("equations %+v", q.Eqs)
	}
	if got := String(q.Eqs[0].Expr); got != "-v/tau + (I_ee + I_ei + I_ii)/tau + I_b/tau" {
		t.Errorf("expression %s", got)
	}
	if q.Src != src {
		t.Errorf("source changed")
	}
	_, err = ParseEquations("dv/dt = -v/tau\nw : 1")
	if err == nil || !strings.Contains(err.Error(), `line 1: syntax error: missing ": unit"`) {
		t.Errorf("missing unit: %v", err)
	}
	_, err = ParseEquations("dv/dt = (-v $ # open\n)/tau : volt")
	if err == nil || !strings.Contains(err.Error(), "\n  dv/dt = (-v $ # open\n") {
		t.Errorf("error without the comment in its source line: %v", err)
	}
}
