package units

import (
	"math"
	"testing"
)

// FuzzParse checks that Parse never panics and that every quantity it
// accepts survives Format and String round trips. Seeds are in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"20*mV", "8 pA*sqrt(second)", "siemens/meter**2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		for _, out := range []string{Format(q), q.String()} {
			r, err := Parse(out)
			if err != nil {
				t.Fatalf("Parse(%q) = %v; reparse of %q: %v", s, q, out, err)
			}
			if r.Dim != q.Dim || r.Value != q.Value && math.Abs(r.Value-q.Value) > 1e-15*math.Abs(q.Value) {
				t.Fatalf("Parse(%q) = %v; reparse of %q = %v", s, q, out, r)
			}
		}
	})
}
