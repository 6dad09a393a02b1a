//go:build amd64 && (goexperiment.simd || !purego)

// The helpers of the vector Steps that both 4-wide builds share: the
// GOEXPERIMENT=simd build (step_simd.go) and the default build's assembly
// (step_amd64.go).

package catalog

// finishStep ends a vector Step of k: the candidates of cells [lo, mid),
// written after the room that roomForSpikes made in out (by candidates in
// step_simd.go, by the assembly loops in step_amd64.s),
// become spikes (spikesAbove; v and th are the block's values and the
// threshold), and cells [mid, hi) go through stepScalar.
func finishStep(k scalarStep, out, cand []int32, v []float64, th float64, lo, mid, hi int, step int64) ([]int32, bool) {
	out, finite := spikesAbove(out, cand, v, th, lo)
	if mid < hi {
		var f bool
		out, f = k.stepScalar(mid, hi, step, out)
		finite = finite && f
	}
	return out, finite
}

// scalarStep is a kernel's one-cell-at-a-time step.
type scalarStep interface {
	stepScalar(lo, hi int, step int64, out []int32) ([]int32, bool)
}
