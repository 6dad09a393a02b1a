package engine

import (
	"slices"
	"testing"
)

// A spike record starts with firstSpikeRoom spikes (or what the first step
// needs), then at least doubles and jumps to hugeSpikeRoom, keeping what it
// holds.
func TestGrowSpikes(t *testing.T) {
	t.Parallel()
	if s, c := growSpikes(nil, nil, 2); cap(s) != firstSpikeRoom || cap(c) != firstSpikeRoom || len(s) != 0 || len(c) != 0 {
		t.Errorf("first room: %d, %d spikes (lengths %d, %d), want %d", cap(s), cap(c), len(s), len(c), firstSpikeRoom)
	}
	if s, _ := growSpikes(nil, nil, 3*firstSpikeRoom); cap(s) != 3*firstSpikeRoom {
		t.Errorf("first room for %d spikes: %d", 3*firstSpikeRoom, cap(s))
	}
	step, cell := []int64{3, 3, 7}, []int32{5, 9, 1}
	for _, c := range []struct{ cap0, k, want int }{
		{firstSpikeRoom, 2, hugeSpikeRoom},
		{hugeSpikeRoom, 1, 2 * hugeSpikeRoom},
		{hugeSpikeRoom, 3 * hugeSpikeRoom, 3*hugeSpikeRoom + 3},
	} {
		s0 := append(make([]int64, 0, c.cap0), step...)
		c0 := append(make([]int32, 0, c.cap0), cell...)
		s, cl := growSpikes(s0, c0, c.k)
		if cap(s) != c.want || cap(cl) != c.want {
			t.Errorf("room %d, %d new: capacities %d, %d, want %d", c.cap0, c.k, cap(s), cap(cl), c.want)
		}
		if !slices.Equal(s, step) || !slices.Equal(cl, cell) {
			t.Errorf("room %d, %d new: kept %v %v, want %v %v", c.cap0, c.k, s, cl, step, cell)
		}
	}
}
