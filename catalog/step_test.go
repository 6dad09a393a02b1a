package catalog

import (
	"fmt"
	"maps"
	"math"
	"testing"

	"github.com/volleysim/volley/xmath"
)

// vectorCase makes two kernels of a catalog model with the same state: one
// for Step, one for stepScalar. The state spreads v over the threshold and
// gives the cells different currents, so that in 200 steps some cells
// spike, sit out their refractory period and spike again. set overrides
// parameters.
func vectorCase(t *testing.T, m *Model, n int, set map[string]float64) (a, b Kernel, sa, sb map[string][]float64) {
	t.Helper()
	p := map[string]float64{}
	for _, q := range m.Params {
		p[q.Name] = q.Default.Value
	}
	p["tau_refrac"] = 2e-3
	p["i_offset"] = 5e-9
	maps.Copy(p, set)
	make2 := func() (Kernel, map[string][]float64) {
		state := map[string][]float64{}
		for _, s := range m.State {
			x := make([]float64, n)
			for i := range x {
				x[i] = s.Init.Value
			}
			state[s.Name] = x
		}
		for i := range n {
			state["v"][i] = -0.07 + 0.0003*float64(i%83)
			for _, g := range []string{"isyn_exc", "isyn_inh", "gsyn_exc", "gsyn_inh"} {
				if x, ok := state[g]; ok {
					x[i] = 1e-10 * float64(i%7)
				}
			}
		}
		k, err := m.New(Instance{N: n, DT: 1e-4, Params: p, State: state, Seed: 1, ID: 1})
		if err != nil {
			t.Fatal(err)
		}
		return k, state
	}
	a, sa = make2()
	b, sb = make2()
	return a, b, sa, sb
}

// scalarStepper is a kernel with a one-cell-at-a-time Step to compare with.
type scalarStepper interface {
	Kernel
	stepScalar(lo, hi int, step int64, out []int32) ([]int32, bool)
	lastSpikes() []int64
}

func (k *ifCurrExp) lastSpikes() []int64 { return k.last }
func (k *ifCondExp) lastSpikes() []int64 { return k.last }

// onThreshold returns k's threshold th and a v from which a cell of k that
// is not refractory and has no synaptic input steps to exactly th, with the
// operations of k's scalar loop, searched ulp by ulp.
func onThreshold(t *testing.T, k Kernel) (v, th float64) {
	t.Helper()
	var next func(v float64) float64
	var guess float64
	switch k := k.(type) {
	case *ifCurrExp:
		next = func(v float64) float64 { return k.pvv*v + k.pve*0 + k.pvi*0 + k.qv }
		th, guess = k.vThresh, (k.vThresh-k.qv)/k.pvv
	case *ifCondExp:
		a := -k.gl - (0+0)*k.invC
		b := (k.bl + (0*k.eE+0*k.eI)*k.invC) / a
		x := xmath.Exp(a * k.dt)
		next = func(v float64) float64 { return -b + (v+b)*x }
		th, guess = k.vThresh, (k.vThresh+b)/x-b
	}
	v = guess
	for range 1000 {
		switch y := next(v); {
		case y == th:
			return v, th
		case y < th:
			v = math.Nextafter(v, math.Inf(1))
		default:
			v = math.Nextafter(v, math.Inf(-1))
		}
	}
	t.Fatalf("no v steps to the threshold %g", th)
	return 0, 0
}

// Step (four cells at a time with AVX2 on amd64: by Go assembly in the
// default build, by simd/archsimd with GOEXPERIMENT=simd; otherwise
// stepScalar itself) gives stepScalar's spikes and values bit for bit, for
// IF_curr_exp and IF_cond_exp, over blocks whose lengths are not multiples
// of four, with excitatory and inhibitory time constants that differ,
// reports a NaN as stepScalar does, does not count a cell that lands
// exactly on the threshold, and (IF_cond_exp) gives the bits of Exp where
// the exponent is beyond Exp4's range.
func TestVectorStep(t *testing.T) {
	t.Parallel()
	const n = 203
	for _, m := range []*Model{IFCurrExp(), IFCondExp()} {
		a, b, sa, sb := vectorCase(t, m, n, map[string]float64{"tau_syn_I": 8e-3})
		va, vb := sa["v"], sb["v"]
		ka, kb := a.(scalarStepper), b.(scalarStepper)
		spikes := 0
		th := 0.0
		for step := int64(0); step < 200; step++ {
			if step == 150 { // a NaN in a cell that is not refractory
				va[101], vb[101] = math.NaN(), math.NaN()
				ka.lastSpikes()[101], kb.lastSpikes()[101] = step-1000, step-1000
			}
			if step == 30 { // cell 50 steps to exactly the threshold
				va[50], th = onThreshold(t, a)
				vb[50] = va[50]
				for _, g := range []string{"isyn_exc", "isyn_inh", "gsyn_exc", "gsyn_inh"} {
					if x, ok := sa[g]; ok {
						x[50], sb[g][50] = 0, 0
					}
				}
				ka.lastSpikes()[50], kb.lastSpikes()[50] = step-1000, step-1000
			}
			if g, ok := sa["gsyn_exc"]; ok && step == 120 {
				// a·dt about −1e5: exp underflows, out of Exp4's range
				g[70], sb["gsyn_exc"][70] = 1e3, 1e3
				ka.lastSpikes()[70], kb.lastSpikes()[70] = step-1000, step-1000
			}
			var oa, ob []int32
			var fa, fb bool
			for lo := 0; lo < n; lo += 61 {
				var f bool
				oa, f = ka.Step(lo, min(lo+61, n), step, oa)
				fa = fa || !f
				ob, f = kb.stepScalar(lo, min(lo+61, n), step, ob)
				fb = fb || !f
			}
			if fmt.Sprint(oa) != fmt.Sprint(ob) || fa != fb {
				t.Fatalf("%s step %d: spikes %v (non-finite %v), scalar %v (%v)", m.Name, step, oa, fa, ob, fb)
			}
			if step == 30 && vb[50] != th {
				t.Fatalf("%s: cell 50 stepped to %.17g, not to the threshold", m.Name, vb[50])
			}
			if step == 150 && !fa {
				t.Fatalf("%s: the NaN was not reported", m.Name)
			}
			ka.Reset(oa, step)
			kb.Reset(ob, step)
			spikes += len(oa)
			for i := range va {
				if va[i] != vb[i] && !(math.IsNaN(va[i]) && math.IsNaN(vb[i])) {
					t.Fatalf("%s step %d cell %d: v %.17g, scalar %.17g", m.Name, step, i, va[i], vb[i])
				}
			}
		}
		if spikes < n {
			t.Fatalf("%s: %d spikes: the test does not exercise thresholds and refractoriness", m.Name, spikes)
		}
	}
}

// BenchmarkStep times the LIF kernels of cuba (IF_curr_exp) and coba
// (IF_cond_exp) per neuron-step, over 4000 cells in blocks of 256 as the
// engine runs them, some of them spiking and refractory (see vectorCase).
func BenchmarkStep(b *testing.B) {
	const n, block = 4000, 256
	for _, m := range []*Model{IFCurrExp(), IFCondExp()} {
		b.Run(m.Name, func(b *testing.B) {
			k, _, _, _ := vectorCase(&testing.T{}, m, n, nil)
			var out []int32
			step := int64(0)
			for b.Loop() {
				out = out[:0]
				for lo := 0; lo < n; lo += block {
					out, _ = k.Step(lo, min(lo+block, n), step, out)
				}
				k.Reset(out, step)
				step++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/neuron-step")
		})
	}
}
