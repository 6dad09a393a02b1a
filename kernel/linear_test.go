package kernel

import (
	"fmt"
	"math"
	"testing"

	"github.com/volleysim/volley/integrate"
)

// The linear loops give, bit for bit, what the block machine gives for the
// exact program with the same coefficients (integrate.ExactProgram with
// per-cell arrays), for 1 to 5 variables, three runs of coefficients that
// do not line up with the blocks (one of them with inputs that only decay,
// which the loops treat apart), and with the first variable held in
// refractory cells (the clamped path).
func TestLinearMatchesProgram(t *testing.T) {
	t.Parallel()
	const n, dt = 2*BlockSize + 7, 1e-4
	ends := []int{100, BlockSize + 50, n}
	for nv := 1; nv <= 5; nv++ {
		for _, clamp := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d vars clamp %v", nv, clamp), func(t *testing.T) {
				t.Parallel()
				vars := make([]string, nv)
				for i := range vars {
					vars[i] = fmt.Sprintf("x%d", i)
				}
				runs := make([]LinearRun, len(ends))
				for r, end := range ends {
					runs[r] = LinearRun{End: end, P: make([]float64, nv*nv), Q: make([]float64, nv)}
					for i := range nv {
						for j := range nv {
							runs[r].P[i*nv+j] = 0.01 * float64(1+i+2*j+3*r) / float64(nv)
						}
						runs[r].P[i*nv+i] = 0.9 - float64(0.01*float64(r)) // float64(a*b): no FMA (arm64, GOAMD64=v3), the same bits everywhere
						runs[r].Q[i] = 0.001 * float64(i-r)
					}
					if r == 1 { // inputs that only decay: the loops' sparse form
						for i := 1; i < nv; i++ {
							for j := range nv {
								if j != i {
									runs[r].P[i*nv+j] = 0
								}
							}
							runs[r].Q[i] = 0
						}
					}
				}
				// the program form: per-cell arrays of the same coefficients
				arrays := func() map[string][]float64 {
					a := map[string][]float64{}
					for i, v := range vars {
						a[v] = make([]float64, n)
						for c := range n {
							a[v][c] = float64(0.1*float64(i)) - float64(0.003*float64(c%13))
						}
					}
					return a
				}
				progArrays := arrays()
				pNames, qNames := make([]string, nv*nv), make([]string, nv)
				for k := range nv * nv {
					pNames[k] = integrate.PropagatorName(k/nv, k%nv)
					progArrays[pNames[k]] = make([]float64, n)
				}
				for i := range nv {
					qNames[i] = integrate.InputName(i)
					progArrays[qNames[i]] = make([]float64, n)
				}
				start := 0
				for _, r := range runs {
					for c := start; c < r.End; c++ {
						for k := range nv * nv {
							progArrays[pNames[k]][c] = r.P[k]
						}
						for i := range nv {
							progArrays[qNames[i]][c] = r.Q[i]
						}
					}
					start = r.End
				}
				base := Spec{N: n, DT: dt}
				if clamp {
					base.Clamp = []string{"x0"}
					base.Refractory = mustExpr(t, "0.3 ms")
					base.Threshold = mustExpr(t, "x0 > -0.005")
				}
				ps := base
				ps.Arrays = progArrays
				ps.Update = integrate.ExactProgram(vars, make([]float64, nv*nv), make([]float64, nv), pNames, qNames)
				ls := base
				ls.Arrays = arrays()
				ls.Linear = &Linear{Vars: vars, Runs: runs}
				kp, err := New(ps)
				if err != nil {
					t.Fatal(err)
				}
				kl, err := New(ls)
				if err != nil {
					t.Fatal(err)
				}
				spiked := 0
				for step := int64(0); step < 40; step++ {
					var sp, sl []int32
					for lo := 0; lo < n; lo += 200 {
						sp, _ = kp.Step(lo, min(lo+200, n), step, sp)
						sl, _ = kl.Step(lo, min(lo+200, n), step, sl)
					}
					if fmt.Sprint(sp) != fmt.Sprint(sl) {
						t.Fatalf("step %d: spikes %v, linear %v", step, sp, sl)
					}
					kp.Reset(sp, step)
					kl.Reset(sl, step)
					spiked += len(sp)
				}
				for _, v := range vars {
					for c := range n {
						if a, b := progArrays[v][c], ls.Arrays[v][c]; a != b {
							t.Fatalf("%s of cell %d: program %.17g, linear %.17g", v, c, a, b)
						}
					}
				}
				if clamp && spiked == 0 {
					t.Fatal("no cell spiked: the clamped path was not exercised")
				}
			})
		}
	}
}

// Runs that do not cover the cells, or coefficients of the wrong size, are
// errors.
func TestLinearErrors(t *testing.T) {
	t.Parallel()
	x := map[string][]float64{"x": make([]float64, 10)}
	for _, l := range []*Linear{
		{Vars: []string{"x"}, Runs: []LinearRun{{End: 5, P: []float64{1}, Q: []float64{0}}}},
		{Vars: []string{"x"}, Runs: []LinearRun{{End: 10, P: []float64{1, 0}, Q: []float64{0}}}},
		{Vars: []string{"y"}, Runs: []LinearRun{{End: 10, P: []float64{1}, Q: []float64{0}}}},
	} {
		if _, err := New(Spec{N: 10, DT: 1e-4, Arrays: x, Linear: l}); err == nil {
			t.Errorf("%+v: no error", l)
		}
	}
}

func BenchmarkLinear3(b *testing.B) {
	const n = 4096
	arrays := map[string][]float64{"V": make([]float64, n), "sE": make([]float64, n), "sI": make([]float64, n)}
	p := []float64{0.99, 0.01, -0.01, 0, 0.98, 0, 0, 0, 0.97}
	k, err := New(Spec{N: n, DT: 1e-4, Arrays: arrays, Threshold: mustExpr(b, "V > 15"),
		Linear: &Linear{Vars: []string{"V", "sE", "sI"}, Runs: []LinearRun{{End: n / 2, P: p, Q: []float64{0.1, 0, 0}},
			{End: n, P: p, Q: []float64{0.05, 0, 0}}}}})
	if err != nil {
		b.Fatal(err)
	}
	var out []int32
	for i := 0; i < b.N; i++ {
		for lo := 0; lo < n; lo += 512 {
			out, _ = k.Step(lo, lo+512, int64(i), out[:0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/cell-step")
}

// The loops of linear1, linear2 and linear3 (four lanes at a time in the
// default amd64 build and the GOEXPERIMENT=simd build, eight in the first
// where the processor has AVX-512) give the bits of the scalar loops, for
// coefficients with and without the sparse forms the loops treat apart,
// lengths around multiples of four and eight, and signed zeros
// among the values; they report a non-finite new value as the scalar loops
// do, wherever an infinity or NaN is.
func TestLinearLoops(t *testing.T) {
	t.Parallel()
	vals := []float64{1.5, -2.25, 0, math.Copysign(0, -1), 3e-300, 1.0 / 3, -0.1, 42, 1e-5}
	runs := map[int][]LinearRun{
		1: {{P: []float64{0.9}, Q: []float64{-0.01}}, {P: []float64{-1.5}, Q: []float64{0}}},
		2: {{P: []float64{0.9, 0.1, 0, 0.8}, Q: []float64{0.01, 0}},
			{P: []float64{0.9, 0.1, 0.2, 0.8}, Q: []float64{0.01, -0.02}}},
		3: {{P: []float64{0.9, 0.1, -0.2, 0, 0.8, 0, 0, 0, 0.7}, Q: []float64{0.01, 0, 0}},
			{P: []float64{0.9, 0.1, -0.2, 0.3, 0.8, 0.05, -0.1, 0.4, 0.7}, Q: []float64{0.01, -0.02, 0.03}},
			{P: []float64{0.9, 0.1, -0.2, 0, 0.8, 0, 0, 0, 0.7}, Q: []float64{0.01, 0, 1e-3}}},
	}
	step := func(nv int, run LinearRun, xs [][]float64, vector bool) float64 {
		switch {
		case nv == 1 && vector:
			return linear1(run, xs[0])
		case nv == 1:
			return linear1Scalar(run, xs[0])
		case nv == 2 && vector:
			return linear2(run, xs[0], xs[1])
		case nv == 2:
			return linear2Scalar(run, xs[0], xs[1])
		case vector:
			return linear3(run, xs[0], xs[1], xs[2])
		}
		return linear3Scalar(run, xs[0], xs[1], xs[2])
	}
	for nv, rs := range runs {
		for r, run := range rs {
			for n := 0; n <= 21; n++ {
				// the values as given, then with one infinity or NaN in
				// one variable at each cell
				type bad struct {
					v, i int
					x    float64
				}
				cases := []bad{{-1, 0, 0}}
				for v := range nv {
					for i := range n {
						for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
							cases = append(cases, bad{v, i, x})
						}
					}
				}
				for _, c := range cases {
					xv, xs := make([][]float64, nv), make([][]float64, nv)
					for v := range nv {
						xv[v], xs[v] = make([]float64, n), make([]float64, n)
						for i := range n {
							xv[v][i] = vals[(3*i+2*v)%len(vals)] * (1 + float64(float64(i)/16))
						}
						if v == c.v {
							xv[v][c.i] = c.x
						}
						copy(xs[v], xv[v])
					}
					fv, fs := step(nv, run, xv, true), step(nv, run, xs, false)
					if (fv == 0) != (fs == 0) {
						t.Errorf("%d vars, run %d, n=%d, %g in variable %d at %d: finite %v, scalar %v", nv, r, n, c.x, c.v, c.i, fv == 0, fs == 0)
					}
					for v := range nv {
						if !same(xv[v], xs[v]) {
							t.Errorf("%d vars, run %d, n=%d, %g in variable %d at %d: x%d = %v, scalar %v", nv, r, n, c.x, c.v, c.i, v, xv[v], xs[v])
						}
					}
				}
			}
		}
	}
}
