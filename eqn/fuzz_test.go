package eqn

import (
	"testing"

	"github.com/volleysim/volley/units"
)

// FuzzParseExpr checks that parsing, printing and evaluation never panic and
// that String output reparses to the same tree. Seeds are in
// testdata/fuzz/FuzzParseExpr.
func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{"(El - v)/tau", "-x**2 + 2**-1", "a < b and not c", "exp(-v/(10*mV))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseExpr(s)
		if err != nil {
			return
		}
		p := String(e)
		back, err := ParseExpr(p)
		if err != nil {
			t.Fatalf("ParseExpr(%q) printed as %q: %v", s, p, err)
		}
		if !sameTree(e, back) || String(back) != p {
			t.Fatalf("ParseExpr(%q) printed as %q reparses as %q", s, p, String(back))
		}
		_, _ = EvalQuantity(e, s, nil)
		_, _ = Dims(e, func(string) (units.Dim, bool) { return units.Volt, true })
	})
}
