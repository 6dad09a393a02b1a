package engine

import (
	"slices"
	"testing"
	"unsafe"
)

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

// A prefetch for reading changes no value, for any number of lines, and
// reads past an array's end harmlessly (it is a hint, not a load).
func TestPrefetch(t *testing.T) {
	t.Parallel()
	xs := make([]int32, 4*cacheLine/4)
	for i := range xs {
		xs[i] = int32(3*i + 1)
	}
	want := slices.Clone(xs)
	for n := 0; n <= 4; n++ {
		prefetch(unsafe.Pointer(&xs[0]), n)
	}
	prefetch(unsafe.Pointer(&xs[len(xs)-1]), 8)
	if !slices.Equal(xs, want) {
		t.Errorf("prefetch changed the array: %v", xs)
	}
}

// lines counts the cache lines that n bytes fill.
func TestLines(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n    int64
		want int
	}{{0, 0}, {1, 1}, {cacheLine, 1}, {cacheLine + 1, 2}, {256 * 4, 1024 / cacheLine}} {
		if got := lines(c.n); got != c.want {
			t.Errorf("lines(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}
