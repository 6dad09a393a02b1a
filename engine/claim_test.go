package engine

import (
	"slices"
	"testing"
)

// A claim reads at most claimLines lines and none past its block's last
// line: a block of k cells spans ⌈k/cellsPerLine⌉ lines from its start.
func TestClaimSpan(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ lo, hi, want int }{
		{0, 0, 0},
		{16, 16, 0},
		{16, 17, 1},
		{16, 24, 1},
		{16, 25, 2},
		{8, 8 + claimLines*cellsPerLine - 1, claimLines},
		{8, 8 + claimLines*cellsPerLine, claimLines},
		{2400, 4000, claimLines},
	} {
		if got := claimSpan(c.lo, c.hi); got != c.want {
			t.Errorf("claimSpan(%d, %d) = %d, want %d", c.lo, c.hi, got, c.want)
		}
	}
}

// A prefetch for writing changes no value, for any number of lines.
func TestPrefetchw(t *testing.T) {
	t.Parallel()
	xs := make([]float64, 4*cellsPerLine)
	for i := range xs {
		xs[i] = float64(i) + 0.5
	}
	want := slices.Clone(xs)
	for lines := 0; lines <= 4; lines++ {
		prefetchw(&xs[0], lines)
	}
	prefetchw(&xs[len(xs)-1], 1)
	if !slices.Equal(xs, want) {
		t.Errorf("prefetchw changed the array: %v", xs)
	}
}
