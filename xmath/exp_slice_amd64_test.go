//go:build amd64 && !goexperiment.simd && !purego

package xmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Each assembly loop the processor can run (ExpTo and ExprelTo take only
// the widest) gives the bits of Exp and Exprel on every group it computes,
// and stops at the first group with a value out of its range without
// writing it.
func TestAssemblyWidths(t *testing.T) {
	t.Parallel()
	type loop struct {
		name string
		size int
		asm  func(dst, src *float64, n int) int
		f    func(float64) float64
		ok   bool
	}
	loops := []loop{
		{"expTo4", 4, expTo4, Exp, avx2},
		{"expTo8", 8, expTo8, Exp, avx512},
		{"exprelTo4", 4, exprelTo4, Exprel, avx2},
		{"exprelTo8", 8, exprelTo8, Exprel, avx512},
	}
	r := rand.New(rand.NewPCG(5, 6))
	xs := make([]float64, 4096)
	for i := range xs {
		// within both loops' range: [−40, 700] and not 0
		xs[i] = -40 + r.Float64()*740
		if i%3 == 0 {
			xs[i] = (r.Float64() - 0.5) * 4
		}
	}
	for _, l := range loops {
		if !l.ok {
			t.Logf("%s: the processor does not run it", l.name)
			continue
		}
		dst := make([]float64, len(xs))
		if got := l.asm(&dst[0], &xs[0], len(xs)); got != len(xs) {
			t.Fatalf("%s stopped at %d of %d values in range", l.name, got, len(xs))
		}
		for i, x := range xs {
			if want := l.f(x); math.Float64bits(dst[i]) != math.Float64bits(want) {
				t.Fatalf("%s at %v = %v, want %v", l.name, x, dst[i], want)
			}
		}
		// a NaN in the third group: two groups set, the third untouched
		in := append([]float64(nil), xs[:4*l.size]...)
		in[2*l.size+1] = math.NaN()
		out := make([]float64, len(in))
		if got := l.asm(&out[0], &in[0], len(in)); got != 2*l.size {
			t.Fatalf("%s with a NaN at %d: set %d values, want %d", l.name, 2*l.size+1, got, 2*l.size)
		}
		for i := 2 * l.size; i < len(out); i++ {
			if out[i] != 0 {
				t.Fatalf("%s wrote %v at %d, past the group it stopped at", l.name, out[i], i)
			}
		}
	}
}
