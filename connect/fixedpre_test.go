package connect

import (
	"math"
	"testing"
)

func TestFixedNumber(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		nPre, nPost int
		sp          Spec
	}{
		{"post dense", 300, 200, Spec{Rule: FixedNumberPost, N: 150}},
		{"post sparse", 300, 20000, Spec{Rule: FixedNumberPost, N: 30}},
		{"post all", 50, 40, Spec{Rule: FixedNumberPost, N: 40}},
		{"post recurrent", 400, 400, Spec{Rule: FixedNumberPost, N: 399, SameRoot: true}},
		{"post sub-groups", 300, 500, Spec{Rule: FixedNumberPost, N: 100, SameRoot: true, PreOffset: 200, PostOffset: 0}},
		{"post replacement", 300, 50, Spec{Rule: FixedNumberPost, N: 80, WithReplacement: true}},
		{"post replacement no self", 300, 300, Spec{Rule: FixedNumberPost, N: 20, WithReplacement: true, SameRoot: true}},
		{"pre dense", 200, 300, Spec{Rule: FixedNumberPre, N: 150}},
		{"pre sparse", 20000, 300, Spec{Rule: FixedNumberPre, N: 30}},
		{"pre recurrent", 400, 400, Spec{Rule: FixedNumberPre, N: 80, SameRoot: true}},
		{"pre sub-groups", 500, 300, Spec{Rule: FixedNumberPre, N: 100, SameRoot: true, PreOffset: 0, PostOffset: 200}},
		{"pre replacement", 50, 300, Spec{Rule: FixedNumberPre, N: 80, WithReplacement: true}},
	}
	for _, c := range cases {
		sp := c.sp
		csr := gen(t, sp, c.nPre, c.nPost, 99, 3)
		// Degrees on the fixed side are exact, and partners are distinct
		// without replacement.
		own := csr
		nOther := c.nPost
		if sp.Rule == FixedNumberPre {
			ptr, col, _ := csr.Transpose()
			own = &CSR{NPre: c.nPost, NPost: c.nPre, RowPtr: ptr, Col: col}
			nOther = c.nPre
		}
		for i := 0; i < own.NPre; i++ {
			if n := own.RowPtr[i+1] - own.RowPtr[i]; n != int64(sp.N) {
				t.Fatalf("%s: neuron %d has %d partners, want %d", c.name, i, n, sp.N)
			}
		}
		if !sp.WithReplacement && hasDuplicates(own) {
			t.Errorf("%s: duplicate partners without replacement", c.name)
		}
		if sp.WithReplacement && !hasDuplicates(own) {
			t.Errorf("%s: no multapses although N = %d draws among %d with replacement", c.name, sp.N, nOther)
		}
		if n := countSelf(sp, csr); sp.SameRoot && n != 0 {
			t.Errorf("%s: %d self connections", c.name, n)
		}
		// Partners are uniform: the free-side degrees have mean
		// N·nOwn/nOther and, for distinct draws, a hypergeometric-like
		// spread at most the binomial one; check the mean and a chi-square
		// upper bound.
		free := inDegrees(own)
		m := float64(sp.N) * float64(own.NPre) / float64(nOther)
		chi2 := 0.0
		for j, d := range free {
			mj := m
			if sp.excludeSelf() {
				// Neurons that are some own neuron's self are drawn
				// among one candidate fewer by that neuron.
				ownOff, otherOff := sp.PreOffset, sp.PostOffset
				if sp.Rule == FixedNumberPre {
					ownOff, otherOff = otherOff, ownOff
				}
				if selfIndex(true, otherOff, ownOff, j, own.NPre) >= 0 {
					mj = float64(sp.N) * float64(own.NPre-1) / float64(nOther-1)
				}
			}
			chi2 += (float64(d) - mj) * (float64(d) - mj) / mj
		}
		if df := float64(nOther); chi2 > df+nSigma*math.Sqrt(2*df) {
			t.Errorf("%s: free-side degree chi-square %.0f exceeds %.0f", c.name, chi2, df+nSigma*math.Sqrt(2*df))
		}
	}
}

func BenchmarkFixedNumberPre(b *testing.B) {
	sp := Spec{Rule: FixedNumberPre, N: 1000}
	var syn int
	for b.Loop() {
		c, err := Generate(sp, 10000, 10000, 1, 1, 2)
		if err != nil {
			b.Fatal(err)
		}
		syn = c.Len()
	}
	b.ReportMetric(float64(syn)*float64(b.N)/b.Elapsed().Seconds(), "synapses/s")
}
