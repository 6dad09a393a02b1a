package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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

// thresholdCases returns the four comparison operators, each as the Go
// comparison it stands for, and the constants the scan tests compare with:
// signed zeros, a subnormal, infinities, NaN and the largest finite values.
func thresholdCases() (map[opcode]func(v, c float64) bool, []float64) {
	cmp := map[opcode]func(v, c float64) bool{
		opGT: func(v, c float64) bool { return v > c }, opGE: func(v, c float64) bool { return v >= c },
		opLT: func(v, c float64) bool { return v < c }, opLE: func(v, c float64) bool { return v <= c },
	}
	inf := math.Inf(1)
	return cmp, []float64{0.5, -0.5, 0, math.Copysign(0, -1), 1e-310, inf, -inf, math.NaN(), math.MaxFloat64, -math.MaxFloat64}
}

// The one-test form of a simple threshold finds the cells the operator
// itself finds, at and around the constant, for infinite and NaN constants
// and values too.
func TestSimpleThresholdStrict(t *testing.T) {
	t.Parallel()
	cmp, consts := thresholdCases()
	inf := math.Inf(1)
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

// scan finds, index for index, the cells the operator itself finds among
// the cells that are not refractory, for every length to 70 (the whole
// fours of the default amd64 build's assembly and the tail of the Go loop),
// with values at, just above and just below the constant, NaN, infinities
// and signed zeros, notref mixes of 0, −0, 1, NaN and tiny values or none,
// appending to earlier cells; the strict form also gives scanStrictScalar's
// cells. The constants include ±Inf, NaN and signed zeros, so that every
// operator runs both forms (v >= −Inf and v <= +Inf are not strict).
func TestScanLoop(t *testing.T) {
	t.Parallel()
	cmp, consts := thresholdCases()
	inf := math.Inf(1)
	notrefs := []float64{0, math.Copysign(0, -1), 1, 1, math.NaN(), 5e-324, -1}
	r := rand.New(rand.NewPCG(1, 2))
	strict := [2]int{}
	for op, f := range cmp {
		for _, c := range consts {
			th := newSimpleThreshold(0, op, c)
			pool := []float64{c, c, math.Nextafter(c, inf), math.Nextafter(c, -inf), -c, 0, math.Copysign(0, -1),
				inf, -inf, math.NaN(), 1, -1, th.bound, -th.bound, math.Nextafter(th.bound, inf)}
			for n := 0; n <= 70; n++ {
				for rep := range 4 {
					x := make([]float64, n)
					for i := range x {
						x[i] = pool[r.IntN(len(pool))]
					}
					var notref []float64
					if rep > 0 {
						notref = make([]float64, n)
						for i := range notref {
							notref[i] = notrefs[r.IntN(len(notrefs))]
						}
					}
					lo := []int{0, 256, 12345, math.MaxInt32 - 30}[rep]
					prev := []int32{-7, -8, -9}[:rep]
					want := slices.Clone(prev)
					for i, v := range x {
						if f(v, c) && (notref == nil || notref[i] != 0) {
							want = append(want, int32(lo+i))
						}
					}
					got := th.scan(x, lo, notref, slices.Clone(prev))
					if !slices.Equal(got, want) {
						t.Fatalf("op %d, c = %g (strict %v), lo %d, n %d: cells %v, want %v of %v (notref %v)",
							op, c, th.strict, lo, n, got, want, x, notref)
					}
					if th.strict {
						strict[0]++
						hits := make([]int32, n)
						m := scanStrictScalar(hits, x, lo, notref, th.sign, th.bound)
						if !slices.Equal(hits[:m], want[len(prev):]) {
							t.Fatalf("op %d, c = %g, n %d: scanStrictScalar %v, scan %v", op, c, n, hits[:m], want[len(prev):])
						}
					} else {
						strict[1]++
					}
				}
			}
		}
	}
	if strict[0] == 0 || strict[1] == 0 {
		t.Errorf("strict and non-strict scans: %v", strict)
	}
}

// notrefConst writes b2f(step − last[i] ≥ refSteps) into each of its
// values and into no other, bit for bit, for every length to 70, with the
// differences at, just below and just above refSteps, far away, and
// wrapping around int64 (as Go's subtraction does).
func TestNotrefConst(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for _, step := range []int64{0, 10, 600000, math.MaxInt64, math.MinInt64, -3} {
		for _, refSteps := range []int64{0, 1, 20, 30, -5, math.MaxInt64, math.MinInt64} {
			pool := []int64{step, step - refSteps, step - refSteps + 1, step - refSteps - 1, -100000000,
				math.MinInt64, math.MaxInt64, 0, -1, step + 1}
			for n := 0; n <= 70; n++ {
				last := make([]int64, n)
				for i := range last {
					last[i] = pool[r.IntN(len(pool))]
				}
				nr := make([]float64, n+1)
				for i := range nr {
					nr[i] = math.NaN()
				}
				notrefConst(nr[:n], last, step, refSteps)
				for i, l := range last {
					if want := b2f(step-l >= refSteps); math.Float64bits(nr[i]) != math.Float64bits(want) {
						t.Fatalf("step %d, refSteps %d, last %d (n %d, cell %d): %v, want %v", step, refSteps, l, n, i, nr[i], want)
					}
				}
				if !math.IsNaN(nr[n]) {
					t.Fatalf("step %d, refSteps %d, n %d: wrote past the end: %v", step, refSteps, n, nr[n])
				}
				want := make([]float64, n)
				notrefConstScalar(want, last, step, refSteps)
				if !same(nr[:n], want) {
					t.Fatalf("step %d, refSteps %d, n %d: %v, scalar %v", step, refSteps, n, nr[:n], want)
				}
			}
		}
	}
}

// notrefCond writes, bit for bit, the Go loop's states and notref values
// into their values and no other, for every length to 70, with conditions
// of ±0, NaN, ±Inf and others and states of 0, 1 and other values (a
// checkpoint may hold any).
func TestNotrefCond(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	conds := []float64{0, 0, math.Copysign(0, -1), 1, -1, math.NaN(), math.Inf(1), math.Inf(-1), 5e-324}
	states := []float64{0, 1, 1, math.Copysign(0, -1), math.NaN(), 0.5}
	for n := 0; n <= 70; n++ {
		for range 20 {
			cond, state := make([]float64, n), make([]float64, n+1)
			for i := range cond {
				cond[i], state[i] = conds[r.IntN(len(conds))], states[r.IntN(len(states))]
			}
			state[n] = 7
			nr := make([]float64, n+1)
			nr[n] = 7
			wantState, wantNr := slices.Clone(state[:n]), make([]float64, n)
			for i := range wantNr {
				if cond[i] == 0 {
					wantState[i] = 1
				}
				wantNr[i] = wantState[i]
			}
			scalarState, scalarNr := slices.Clone(state[:n]), make([]float64, n)
			notrefCondScalar(scalarNr, cond, scalarState)
			notrefCond(nr[:n], cond, state[:n])
			for i := range n {
				if math.Float64bits(state[i]) != math.Float64bits(wantState[i]) || math.Float64bits(nr[i]) != math.Float64bits(wantNr[i]) {
					t.Fatalf("n %d, cell %d, cond %v: state %v, notref %v, want %v %v", n, i, cond[i], state[i], nr[i], wantState[i], wantNr[i])
				}
				if math.Float64bits(scalarState[i]) != math.Float64bits(wantState[i]) || math.Float64bits(scalarNr[i]) != math.Float64bits(wantNr[i]) {
					t.Fatalf("n %d, cell %d: scalar state %v, notref %v, want %v %v", n, i, scalarState[i], scalarNr[i], wantState[i], wantNr[i])
				}
			}
			if state[n] != 7 || nr[n] != 7 {
				t.Fatalf("n %d: wrote past the end: %v %v", n, state[n], nr[n])
			}
		}
	}
}
