package connect

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
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

// The two-level write of FixedNumberPre gives the table of the direct write
// (one bucket per row, b = 0) for any bucket size, thread count and packing:
// buckets of 1, 2, 8 and 32 rows, with a last bucket that is not full, and
// the largest bucket whose packed entries still fit in 31 bits.
func TestFixedNumberPreBuckets(t *testing.T) {
	t.Parallel()
	cases := []struct {
		nPre, nPost int
		sp          Spec
	}{
		{1013, 709, Spec{Rule: FixedNumberPre, N: 40}},
		{811, 811, Spec{Rule: FixedNumberPre, N: 23, SameRoot: true}},
		{97, 1500, Spec{Rule: FixedNumberPre, N: 30, WithReplacement: true}},
	}
	for _, c := range cases {
		ref := fixedNumberPreBuckets(&c.sp, c.nPre, c.nPost, 7, 3, 1, 0)
		if err := ref.Validate(); err != nil {
			t.Fatal(err)
		}
		full := 31 - uint(bits.Len(uint(c.nPost-1)))
		for _, b := range []uint{1, 3, 5, full} {
			for _, threads := range []int{1, 2, 3} {
				got := fixedNumberPreBuckets(&c.sp, c.nPre, c.nPost, 7, 3, threads, b)
				if !slices.Equal(got.RowPtr, ref.RowPtr) || !slices.Equal(got.Col, ref.Col) {
					t.Errorf("%d×%d, N = %d: buckets of 2^%d rows on %d threads differ from the direct write", c.nPre, c.nPost, c.sp.N, b, threads)
				}
			}
		}
	}
}

// bucketBits aims at about bucketEntries entries per bucket, never more
// rows than there are, and packed entries within 31 bits.
func TestBucketBits(t *testing.T) {
	t.Parallel()
	cases := []struct {
		total       int64
		nPre, nPost int
		want        uint
	}{
		{80 << 20, 1 << 20, 1 << 20, 9},  // 80 per row: 512 rows, 40960 entries
		{64 << 16, 1 << 16, 1 << 16, 10}, // 64 per row: 1024 rows, 65536 entries
		{1000, 10, 100, 3},               // all 10 rows fit: 8 rows (a power of two ≤ nPre)
		{1 << 30, 1 << 10, 1 << 20, 0},   // 2^20 per row: one row is more than bucketEntries
		{80 << 27, 1 << 27, 1 << 27, 4},  // 27 bits of post leave 4 for the row
	}
	for _, c := range cases {
		if got := bucketBits(c.total, c.nPre, c.nPost); got != c.want {
			t.Errorf("bucketBits(%d, %d, %d) = %d, want %d", c.total, c.nPre, c.nPost, got, c.want)
		}
	}
}

// BenchmarkFixedNumberPre generates tables of 10M synapses (10k cells, in-degree
// 1000) and 51M synapses (800k cells, in-degree 64, a table larger than the
// caches) on two threads.
func BenchmarkFixedNumberPre(b *testing.B) {
	for _, c := range []struct{ n, k int }{{10000, 1000}, {800000, 64}} {
		b.Run(fmt.Sprintf("cells=%d/n=%d", c.n, c.k), func(b *testing.B) {
			sp := Spec{Rule: FixedNumberPre, N: c.k}
			var syn int
			for b.Loop() {
				t, err := Generate(sp, c.n, c.n, 1, 1, 2)
				if err != nil {
					b.Fatal(err)
				}
				syn = t.Len()
			}
			b.ReportMetric(float64(syn)*float64(b.N)/b.Elapsed().Seconds(), "synapses/s")
		})
	}
}
