package engine

import "testing"

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

// BenchmarkBoundary measures one sweep of two workers over adjacent halves
// of three arrays of 4000 values, as a kernel's update of coba's cells, with
// the workers meeting at a barrier after each sweep: the second worker's
// first lines are claimed before its sweep or not (see claim.go).
func BenchmarkBoundary(b *testing.B) {
	for _, claimed := range []bool{false, true} {
		b.Run(map[bool]string{false: "unclaimed", true: "claimed"}[claimed], func(b *testing.B) {
			const n, half = 4000, 2000
			xs := [3][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
			for _, x := range xs {
				fill(x, 1)
			}
			bar := newBarrier(2)
			sweep := func(w int) {
				lo, hi := 0, half
				if w == 1 {
					lo, hi = half, n
					if claimed {
						for _, x := range xs {
							prefetchw(&x[lo], claimLines)
						}
					}
				}
				v, g, h := xs[0][lo:hi], xs[1][lo:hi], xs[2][lo:hi]
				g, h = g[:len(v)], h[:len(v)]
				for i := range v {
					v[i] = v[i]*0.99 + g[i]*0.5 + h[i]*0.25
					g[i] *= 0.98
					h[i] *= 0.97
				}
			}
			done := make(chan struct{})
			go func() {
				for range b.N {
					sweep(1)
					bar.wait(0)
				}
				close(done)
			}()
			b.ResetTimer()
			for range b.N {
				sweep(0)
				bar.wait(0)
			}
			<-done
		})
	}
}
