package eqn

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/volleysim/volley/units"
)

func si(s string) units.Dim { return units.MustParse(s).Dim }

// seedDims are the dimensions of the constants of the seed networks, from
// the Python sources listed in testdata/seeds/README.md.
var seedDims = map[string]units.Dim{
	// AdEx (adex-coba-net-brian2)
	"gL": si("nS"), "EL": si("mV"), "VT": si("mV"), "DT": si("mV"), "C": si("pF"), "a": si("nS"),
	"tau_w": si("ms"), "Ee": si("mV"), "Ei": si("mV"), "tau_g": si("ms"), "Iext": si("pA*sqrt(second)"),
	// COBA-HH (s0_cobahh.py)
	"Cm": si("pF"), "gl": si("nS"), "g_Na": si("usiemens"), "g_Kd": si("usiemens"), "El": si("mV"),
	"ENa": si("mV"), "EK": si("mV"), "taue": si("ms"), "taui": si("ms"),
	// Tian 2020 (s2_tian2020.py)
	"tau_Es": si("ms"), "tau_Is": si("ms"),
}

// seedDimOf resolves names as the build does: Brian2's special names, then
// the constants.
func seedDimOf(name string) (units.Dim, bool) {
	switch name {
	case "t", "dt", "lastspike":
		return units.Second, true
	case "i", "N", "not_refractory":
		return units.Dimensionless, true
	}
	d, ok := seedDims[name]
	return d, ok
}

// The seeds' equation strings parse and pass the dimension check.
func TestCheckSeeds(t *testing.T) {
	t.Parallel()
	noise := map[string][]string{"adex-coba-net-brian2.eqs": {"xi"}}
	files, _ := filepath.Glob("testdata/seeds/*.eqs")
	if len(files) != 6 {
		t.Fatalf("%d seed files", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ParseEquations(string(src))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if err := q.Check(seedDimOf); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if in, err := q.Inline(); err != nil {
			t.Errorf("%s: %v", f, err)
		} else if err := in.Check(seedDimOf); err != nil {
			t.Errorf("%s inlined: %v", f, err)
		}
		want := noise[filepath.Base(f)]
		if want == nil {
			want = []string{}
		}
		if got := q.Noise(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: noise %v, want %v", f, got, want)
		}
	}
}

// Check's errors: type, message and the column of the caret. The
// equations use the seed constants; I, sigma and tau are declared after them.
func TestCheckErrors(t *testing.T) {
	t.Parallel()
	decl := "\nI : amp\nsigma : volt\ntau : second"
	cases := []struct {
		eq   string // first line; decl follows
		kind string // "dim", "name", "eval", "eq"
		col  int    // 0-based column of the caret in eq
		msg  string // first line of the message
	}{
		{"dv/dt = (El - v)/tau + I : volt", "dim", 23,
			"line 1: dimension mismatch in dv/dt: the term I has dimension A, expected V s^-1 (the dimension of v per second, like the term (El - v)/tau)"},
		{"dv/dt = I - (El - v)/tau : volt", "dim", 8,
			"line 1: dimension mismatch in dv/dt: the term I has dimension A, expected V s^-1 (the dimension of v per second, like the term (El - v)/tau)"},
		{"dv/dt = (El - v) : volt", "dim", 8,
			"line 1: dimension mismatch in dv/dt: the right-hand side has dimension V, expected V s^-1 (the dimension of v per second)"},
		{"dv/dt =   (El - v) + (Ee - v) : volt", "dim", 10,
			"line 1: dimension mismatch in dv/dt: the right-hand side has dimension V, expected V s^-1 (the dimension of v per second)"},
		{"dv/dt = v/tau + I : amp", "dim", 16,
			"line 1: dimension mismatch in dv/dt: the term I has dimension A, expected A s^-1 (the dimension of v per second, like the term v/tau)"},
		{"dv/dt = sigma/tau + I : amp", "dim", 20,
			"line 1: dimension mismatch in dv/dt: the term I has dimension A but the term sigma/tau has dimension V s^-1; expected A s^-1 (the dimension of v per second)"},
		{"dv/dt = -v/tau + sigma*xi : volt", "dim", 17,
			"line 1: dimension mismatch in dv/dt: the term sigma*xi has dimension m^2 kg s^-3.5 A^-1, expected V s^-1 (the dimension of v per second, like the term -v/tau)"},
		{"dv/dt = (gL*(El - v) + I*tau)/C : volt", "dim", 23,
			`line 1: in dv/dt: dimension mismatch in "gL*(El - v) + I*tau": left is A, right is C`},
		{"dv/dt = exp(v)/tau : volt", "dim", 12,
			`line 1: in dv/dt: exp needs a dimensionless argument, got V in "exp(v)"`},
		{"dv/dt = v**n/tau : volt\nn : 1", "eval", 11,
			`line 1: in dv/dt: the exponent of a quantity with dimension V must be a constant number in "v**n"`},
		{"dv/dt = (El - v)/tua : volt", "name", 17, `line 1: unknown name "tua" (did you mean tau?)`},
		{"dv/dt = (El - v)/taux : volt", "name", 17, `line 1: unknown name "taux" (did you mean tau?)`},
		{"dv/dt = (El - v)/tau_m : volt", "name", 17, `line 1: unknown name "tau_m" (did you mean tau?)`},
		{"dv/dt = (El - v)*gamma : volt", "name", 17, `line 1: unknown name "gamma"`},
		{"J = ge*(V - Ee) : volt\nge : siemens\nV : volt", "dim", 4,
			"line 1: dimension mismatch in J: the right-hand side has dimension A, expected V (the declared dimension of J)"},
		{"J = sigma*xi : volt", "eq", 10,
			"line 1: noise term xi in subexpression J: noise can only appear in differential equations"},
	}
	for _, tc := range cases {
		src := tc.eq + decl
		q, err := ParseEquations(src)
		if err != nil {
			t.Errorf("%s: %v", tc.eq, err)
			continue
		}
		err = q.Check(seedDimOf)
		var off int
		var ok bool
		switch tc.kind {
		case "dim":
			var de *DimensionError
			if ok = errors.As(err, &de); ok {
				off = de.Off
			}
		case "name":
			var ne *NameError
			if ok = errors.As(err, &ne); ok {
				off = ne.Off
			}
		case "eval":
			var ee *EvalError
			if ok = errors.As(err, &ee); ok {
				off = ee.Off
			}
		case "eq":
			var ee *EquationError
			if ok = errors.As(err, &ee); ok {
				off = ee.Off
			}
		}
		if !ok {
			t.Errorf("%s: error %v, want a %s error", tc.eq, err, tc.kind)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		first := strings.SplitN(tc.eq, "\n", 2)[0]
		want := []string{tc.msg, "  " + first, "  " + strings.Repeat(" ", tc.col) + "^"}
		if off != tc.col || !reflect.DeepEqual(lines, want) {
			t.Errorf("%s: error at %d:\n%v\nwant at %d:\n%s", tc.eq, off, err, tc.col, strings.Join(want, "\n"))
		}
	}
}

// A mismatch in a dimension error carries Got and Want.
func TestCheckDimensionErrorFields(t *testing.T) {
	t.Parallel()
	q, _ := ParseEquations("I : amp\ndv/dt = (El - v) : volt")
	var de *DimensionError
	if err := q.Check(seedDimOf); !errors.As(err, &de) || de.Got != units.Volt || de.Want != si("V/s") {
		t.Fatalf("got %v", err)
	}
	if !strings.HasPrefix(de.Error(), "line 2: ") {
		t.Errorf("no line number: %v", de)
	}
}

// Names resolve to the equations' own variables before dimOf and units:
// a variable C shadows the coulomb and a constant of another dimension.
func TestCheckShadowing(t *testing.T) {
	t.Parallel()
	q, err := ParseEquations("dv/dt = I/C : volt\nC : farad\nI : amp")
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Check(func(n string) (units.Dim, bool) { return units.Second, n == "C" }); err != nil {
		t.Error(err)
	}
	if err := q.Check(nil); err != nil {
		t.Errorf("nil dimOf: %v", err)
	}
}

func TestNoise(t *testing.T) {
	t.Parallel()
	q, err := ParseEquations("dv/dt = -v/tau + s*xi_2*tau**-0.5 + s*xi*tau**-0.5 : volt\ndw/dt = s*xi_1/tau**0.5 - w/tau : volt\nx = xi_3 : 1\nxi_4 : 1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.Noise(), []string{"xi", "xi_1", "xi_2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Noise = %v, want %v", got, want)
	}
	if got := (&Equations{}).Noise(); got == nil || len(got) != 0 {
		t.Errorf("no equations: %#v", got)
	}
}
