package engine

import (
	"math"
	"testing"
)

// cellSum adds every element once, whatever the length's remainder by
// four, in its documented order: integers give their exact sum, and the
// combination (s0 + s1) + (s2 + s3) shows in a sum that rounds.
func TestCellSum(t *testing.T) {
	t.Parallel()
	for n := range 11 {
		xs := make([]float64, n)
		want := 0.0
		for i := range xs {
			xs[i] = float64(i*i - 3)
			want += xs[i]
		}
		if got := cellSum(xs); got != want {
			t.Errorf("n=%d: %g, want %g", n, got, want)
		}
	}
	// s0 = 1e16 + 1 rounds to 1e16 and s1 = -1e16, so the lanes give
	// (1e16 − 1e16) + (1 + 1) = 2 where a left-to-right sum gives 3
	xs := []float64{1e16, -1e16, 1, 1, 1}
	if got := cellSum(xs); got != 2 {
		t.Errorf("%v: %g, want 2 from the partial sums' order", xs, got)
	}
	if got := cellSum([]float64{1, math.NaN(), 2}); !math.IsNaN(got) {
		t.Errorf("NaN lost: %g", got)
	}
}
