package build

import (
	"math"
	"testing"

	"github.com/volleysim/volley/rng"
)

// The chained form of a two-variable propagator steps both variables to
// the general loop's values, whichever of the two is the one that decays
// alone, and is refused when a coefficient breaks the chain.
func TestChain2(t *testing.T) {
	t.Parallel()
	const n = 37
	s := rng.New(11, rng.User, 0, 0, 0)
	for _, d := range []int{0, 1} {
		x := 1 - d
		p, q := make([]float64, 4*n), make([]float64, 2*n)
		for k := range n {
			p[4*k+2*x+x] = 0.9 + 0.1*s.Float64()
			p[4*k+2*x+d] = -0.05 * s.Float64()
			p[4*k+2*d+d] = 0.7165313105737893 // exp(-1/3), shared
			q[2*k+x] = 0.01 * s.Float64()
		}
		init := func() [][]float64 {
			v := [][]float64{make([]float64, n), make([]float64, n)}
			for k := range n {
				v[0][k], v[1][k] = s.Float64(), -s.Float64()
			}
			return v
		}
		want := init()
		got := [][]float64{append([]float64(nil), want[0]...), append([]float64(nil), want[1]...)}
		c := newChain2(got, p, q)
		if c == nil {
			t.Fatalf("decaying variable %d: not recognised as a chain", d)
		}
		for range 50 {
			clockStep2(want[0], want[1], p, q)
			c.step(0, 20)
			c.step(20, n)
		}
		for v := range want {
			for k := range n {
				if math.Float64bits(got[v][k]) != math.Float64bits(want[v][k]) {
					t.Fatalf("decaying variable %d: var %d synapse %d: %.17g, general loop %.17g", d, v, k, got[v][k], want[v][k])
				}
			}
		}
		for _, broken := range []struct {
			name string
			set  func()
		}{
			{"coupled back", func() { p[4*5+2*d+x] = 1e-3 }},
			{"input", func() { q[2*5+d] = 1e-3 }},
			{"own rate", func() { p[4*5+2*d+d] = 0.5 }},
		} {
			pb, qb := append([]float64(nil), p...), append([]float64(nil), q...)
			broken.set()
			if newChain2(got, p, q) != nil {
				t.Errorf("decaying variable %d, %s: accepted as a chain", d, broken.name)
			}
			copy(p, pb)
			copy(q, qb)
		}
	}
}
