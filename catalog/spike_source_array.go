package catalog

import (
	"fmt"
	"math"
	"slices"
)

// SpikeSourceArray is PyNN's SpikeSourceArray: cells that replay given spike
// times. Parameter: spike_times, one list of times per cell (given in the
// model file's spike_times, not in params).
//
// A time t is emitted at step round(t/dt); several times that fall on the same
// step give one spike, as in Brian2's SpikeGeneratorGroup on one cell.
func SpikeSourceArray() *Model {
	return &Model{
		Name:   "SpikeSourceArray",
		Doc:    "spike trains given as lists of times",
		Method: "none",
		Source: true,
		New:    newSpikeArray,
	}
}

type spikeArray struct {
	steps [][]int64 // [N] sorted, distinct spike steps of each cell
	next  []int64   // [N] index of the next step to emit
}

func newSpikeArray(in Instance) (Kernel, error) {
	if len(in.SpikeTimes) != 0 && len(in.SpikeTimes) != in.N {
		return nil, fmt.Errorf("SpikeSourceArray: spike_times has %d lists for %d cells", len(in.SpikeTimes), in.N)
	}
	k := &spikeArray{steps: make([][]int64, in.N), next: make([]int64, in.N)}
	for i, ts := range in.SpikeTimes {
		var steps []int64
		for _, t := range ts {
			if !(t >= 0) || math.IsInf(t, 0) {
				return nil, fmt.Errorf("SpikeSourceArray: cell %d: spike time %g s must be finite and >= 0", i, t)
			}
			steps = append(steps, int64(math.Round(t/in.DT)))
		}
		slices.Sort(steps)
		k.steps[i] = slices.Compact(steps)
	}
	return k, nil
}

func (k *spikeArray) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	for i := lo; i < hi; i++ {
		s, n := k.steps[i], k.next[i]
		for n < int64(len(s)) && s[n] < step {
			n++
		}
		if n < int64(len(s)) && s[n] == step {
			out = append(out, int32(i))
			n++
		}
		k.next[i] = n
	}
	return out, true
}

func (k *spikeArray) Reset(spikes []int32, step int64) {}

// Internal returns the position in each cell's spike list, for checkpoints.
func (k *spikeArray) Internal() (map[string][]int64, map[string][]float64) {
	return map[string][]int64{"next_spike": k.next}, nil
}
