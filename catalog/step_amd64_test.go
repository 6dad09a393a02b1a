//go:build amd64 && !goexperiment.simd && !purego

package catalog

import (
	"fmt"
	"testing"
)

// IF_cond_exp's AVX2 and AVX-512 loops (Step takes the widest the
// processor runs) each give stepScalar's spikes and values bit for bit,
// over blocks of 61 cells: groups of eight, a group of four and a scalar
// tail, with cells spiking, refractory and spiking again.
func TestStepWidths(t *testing.T) {
	t.Parallel()
	const n = 203
	for _, wide := range []bool{false, true} {
		if !avx2 || wide && !avx512 {
			t.Logf("wide=%v: the processor does not run it", wide)
			continue
		}
		a, b, sa, sb := vectorCase(t, IFCondExp(), n, map[string]float64{"tau_syn_I": 8e-3})
		ka, kb := a.(*ifCondExp), b.(*ifCondExp)
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
				t.Fatalf("wide=%v step %d: spikes %v, scalar %v", wide, step, oa, ob)
			}
			ka.Reset(oa, step)
			kb.Reset(ob, step)
			spikes += len(oa)
			for _, name := range []string{"v", "gsyn_exc", "gsyn_inh"} {
				for i, x := range sa[name] {
					if x != sb[name][i] {
						t.Fatalf("wide=%v step %d cell %d: %s %.17g, scalar %.17g", wide, step, i, name, x, sb[name][i])
					}
				}
			}
		}
		if spikes < n {
			t.Fatalf("wide=%v: %d spikes: the test does not exercise thresholds and refractoriness", wide, spikes)
		}
	}
}
