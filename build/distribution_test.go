package build

import (
	"math"
	"testing"

	"github.com/volleysim/volley/rng"
)

// TestTruncatedNormal draws the Tsodyks 2000 seed's truncated normals
// (normal_clipped, scipy's truncnorm) and checks that every sample is within
// the bounds and that the sample mean and variance match the analytic values
// of the truncated normal within five standard errors.
func TestTruncatedNormal(t *testing.T) {
	t.Parallel()
	phi := func(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }
	for _, tc := range []struct {
		name           string
		mu, sd, lo, hi float64
	}{
		{"U of E synapses", 0.5, 0.25, 0.1, 0.9},
		{"U of I synapses", 0.04, 0.02, 0.001, 0.07},
		{"tau_rec, bounded below", 0.8, 0.4, 0.005, 1e9},
		{"A of I->E synapses, negative", -5.4e-3, 2.7e-3, -10.8e-3, -1.08e-3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := dist{kind: "normal_clipped", args: []float64{tc.mu, tc.sd, tc.lo, tc.hi}}
			s := rng.New(7, rng.Init, 1, 0, 0)
			const n = 200000
			var sum, sum2 float64
			for range n {
				x := d.draw(&s)
				if x < tc.lo || x > tc.hi {
					t.Fatalf("sample %g outside [%g, %g]", x, tc.lo, tc.hi)
				}
				sum += x
				sum2 += x * x
			}
			mean := sum / n
			variance := sum2/n - mean*mean
			// the truncated normal's moments (Johnson, Kotz & Balakrishnan 1994)
			a, b := (tc.lo-tc.mu)/tc.sd, (tc.hi-tc.mu)/tc.sd
			z := normalCDF(b) - normalCDF(a)
			wantMean := tc.mu + tc.sd*(phi(a)-phi(b))/z
			wantVar := tc.sd * tc.sd * (1 + (a*phi(a)-b*phi(b))/z - math.Pow((phi(a)-phi(b))/z, 2))
			seMean := math.Sqrt(wantVar / n)
			seVar := wantVar * math.Sqrt(2.0/n) // a normal's; a truncated one's is smaller
			if math.Abs(mean-wantMean) > 5*seMean {
				t.Errorf("mean %.6g, truncated normal %.6g (± %.2g)", mean, wantMean, 5*seMean)
			}
			if math.Abs(variance-wantVar) > 5*seVar {
				t.Errorf("variance %.6g, truncated normal %.6g (± %.2g)", variance, wantVar, 5*seVar)
			}
		})
	}
}
