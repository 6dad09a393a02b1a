package kernel

import (
	"fmt"
	"math"
	"testing"
)

// A threshold "x op number" is scanned without the block machine; it fires
// the same cells as the same condition written "number op' x", which runs
// as a program: for each comparison, with values equal to the number, NaN,
// and refractory cells.
func TestSimpleThreshold(t *testing.T) {
	t.Parallel()
	const n = BlockSize + 40
	flip := map[string]string{">": "<", ">=": "<=", "<": ">", "<=": ">="}
	for op, rop := range flip {
		for _, ref := range []string{"", "3*dt"} {
			var got [2][]int32
			for form, cond := range []string{"x " + op + " 0.5", "0.5 " + rop + " x"} {
				x := make([]float64, n)
				for i := range x {
					x[i] = float64(i%5) * 0.25 // 0, 0.25, 0.5, 0.75, 1
				}
				x[7] = math.NaN()
				spec := Spec{N: n, DT: 1e-4, Arrays: map[string][]float64{"x": x}, Threshold: mustExpr(t, cond)}
				if ref != "" {
					spec.Refractory = mustExpr(t, ref)
				}
				k, err := New(spec)
				if err != nil {
					t.Fatal(err)
				}
				if simple := k.simple != nil; simple != (form == 0) {
					t.Fatalf("%q: simple form %v", cond, simple)
				}
				// cells 0..9 spiked at step 9: refractory at step 10 when there is a period
				k.Reset([]int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 9)
				for lo := 0; lo < n; lo += 100 {
					got[form], _ = k.Step(lo, min(lo+100, n), 10, got[form])
				}
			}
			if fmt.Sprint(got[0]) != fmt.Sprint(got[1]) || len(got[0]) == 0 {
				t.Errorf("x %s 0.5 (refractory %q): %v; as a program: %v", op, ref, got[0], got[1])
			}
		}
	}
}
