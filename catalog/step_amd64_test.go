//go:build amd64 && !goexperiment.simd && !purego

package catalog

import (
	"fmt"
	"testing"
)

// laneStepper is a kernel with AVX2 and AVX-512 loops.
type laneStepper interface {
	scalarStepper
	stepLanes(lo, hi int, step int64, out []int32, wide bool) ([]int32, bool)
}

// The AVX2 and AVX-512 loops of IF_curr_exp and IF_cond_exp (Step takes
// the widest the processor runs) each give stepScalar's spikes and values
// bit for bit, over blocks of 61 cells: groups of eight, a group of four
// and a scalar tail, with cells spiking, refractory and spiking again.
func TestStepWidths(t *testing.T) {
	t.Parallel()
	const n = 203
	for _, c := range []struct {
		m    *Model
		wide bool
	}{{IFCurrExp(), false}, {IFCurrExp(), true}, {IFCondExp(), false}, {IFCondExp(), true}} {
		m, wide := c.m, c.wide
		if !avx2 || wide && !avx512 {
			t.Logf("%s wide=%v: the processor does not run it", m.Name, wide)
			continue
		}
		a, b, sa, sb := vectorCase(t, m, n, map[string]float64{"tau_syn_I": 8e-3})
		ka, kb := a.(laneStepper), b.(laneStepper)
		lanes := func(lo, hi int, step int64, out []int32) ([]int32, bool) {
			return ka.stepLanes(lo, hi, step, out, wide)
		}
		spikes := 0
		for step := int64(0); step < 200; step++ {
			var oa, ob []int32
			for lo := 0; lo < n; lo += 61 {
				oa, _ = inChunks(lo, min(lo+61, n), step, oa, lanes)
				ob, _ = kb.stepScalar(lo, min(lo+61, n), step, ob)
			}
			if fmt.Sprint(oa) != fmt.Sprint(ob) {
				t.Fatalf("%s wide=%v step %d: spikes %v, scalar %v", m.Name, wide, step, oa, ob)
			}
			ka.Reset(oa, step)
			kb.Reset(ob, step)
			spikes += len(oa)
			for name, xs := range sa {
				for i, x := range xs {
					if x != sb[name][i] {
						t.Fatalf("%s wide=%v step %d cell %d: %s %.17g, scalar %.17g", m.Name, wide, step, i, name, x, sb[name][i])
					}
				}
			}
		}
		if spikes < n {
			t.Fatalf("%s wide=%v: %d spikes: the test does not exercise thresholds and refractoriness", m.Name, wide, spikes)
		}
	}
}
