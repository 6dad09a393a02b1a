package catalog

import (
	"fmt"
	"math"

	"github.com/volleysim/volley/rng"
)

// SpikeSourcePoisson is PyNN's SpikeSourcePoisson: independent Poisson spike
// trains at a fixed rate between start and start + duration.
//
// Parameters (PyNN defaults and units): rate 1 Hz, start 0 ms, duration 1e10 ms.
// No state variables, no receptors.
//
// Time is discrete as in Brian2's PoissonGroup: at every step n with
// start ≤ n·dt < start + duration a cell spikes when a uniform draw is below
// rate·dt. The draw comes from the counter-based stream keyed by (seed,
// rng.Poisson, group id, cell, step), so the trains do not depend on how cells
// are split across threads.
func SpikeSourcePoisson() *Model {
	return &Model{
		Name: "SpikeSourcePoisson",
		Doc:  "Poisson spike trains",
		Params: []Param{
			param("rate", "1 Hz", "mean firing rate"),
			param("start", "0 ms", "start of the spike train"),
			param("duration", "1e10 ms", "duration of the spike train"),
		},
		Method: "none",
		Source: true,
		New:    newPoisson,
	}
}

type poissonSource struct {
	p          float64 // spike probability per step
	first, end int64   // steps [first, end) emit
	seed       uint64
	id         uint32
}

func newPoisson(in Instance) (Kernel, error) {
	rate, start, dur := in.Params["rate"], in.Params["start"], in.Params["duration"]
	switch {
	case !(rate >= 0) || math.IsInf(rate, 0):
		return nil, fmt.Errorf("SpikeSourcePoisson: rate = %g Hz must be finite and >= 0", rate)
	case rate*in.DT > 1:
		return nil, fmt.Errorf("SpikeSourcePoisson: rate = %g Hz is above 1/dt = %g Hz", rate, 1/in.DT)
	case !(start >= 0) || math.IsInf(start, 0):
		return nil, fmt.Errorf("SpikeSourcePoisson: start = %g s must be a finite time >= 0", start)
	case !(dur >= 0):
		return nil, fmt.Errorf("SpikeSourcePoisson: duration = %g s must be >= 0", dur)
	}
	first := math.Round(start / in.DT)
	end := math.Min(math.Round((start+dur)/in.DT), math.MaxInt64/2)
	return &poissonSource{p: rate * in.DT, first: int64(first), end: int64(end), seed: in.Seed, id: in.ID}, nil
}

func (k *poissonSource) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	if step < k.first || step >= k.end || k.p == 0 {
		return out, true
	}
	for i := lo; i < hi; i++ {
		if rng.Uniform01(k.seed, rng.Poisson, k.id, uint64(i), uint64(step)) < k.p {
			out = append(out, int32(i))
		}
	}
	return out, true
}

func (k *poissonSource) Reset(spikes []int32, step int64) {}
