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

// The one-test form of a simple threshold finds the cells the operator
// itself finds, at and around the constant, for infinite and NaN constants
// and values too.
func TestSimpleThresholdStrict(t *testing.T) {
	t.Parallel()
	cmp := map[opcode]func(v, c float64) bool{
		opGT: func(v, c float64) bool { return v > c }, opGE: func(v, c float64) bool { return v >= c },
		opLT: func(v, c float64) bool { return v < c }, opLE: func(v, c float64) bool { return v <= c },
	}
	inf := math.Inf(1)
	consts := []float64{0.5, -0.5, 0, math.Copysign(0, -1), 1e-310, inf, -inf, math.NaN(), math.MaxFloat64, -math.MaxFloat64}
	for op, f := range cmp {
		for _, c := range consts {
			x := []float64{c, math.Nextafter(c, inf), math.Nextafter(c, -inf), 0, -0.0, inf, -inf, math.NaN(), 1, -1}
			th := newSimpleThreshold(0, op, c)
			got := th.scan(x, 0, nil, nil)
			var want []int32
			for i, v := range x {
				if f(v, c) {
					want = append(want, int32(i))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("op %d, c = %g (strict %v): cells %v, want %v of %v", op, c, th.strict, got, want, x)
			}
		}
	}
}
