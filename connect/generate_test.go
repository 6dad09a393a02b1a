package connect

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/volleysim/volley/rng"
)

// nSigma bounds the statistical checks (fixed seeds; 4-sigma bounds pass
// for almost every seed yet catch a wrong probability or a biased choice).
const nSigma = 4

// gen calls Generate and fails the test on error or on a broken invariant.
func gen(t *testing.T, sp Spec, nPre, nPost int, seed uint64, threads int) *CSR {
	t.Helper()
	c, err := Generate(sp, nPre, nPost, seed, rng.Hash("proj"), threads)
	if err != nil {
		t.Fatalf("%v %d×%d: %v", sp.Rule, nPre, nPost, err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("%v %d×%d: %v", sp.Rule, nPre, nPost, err)
	}
	return c
}

// isSelf reports whether synapse (i, j) connects a neuron to itself.
func isSelf(sp Spec, i int, j int32) bool {
	return sp.SameRoot && sp.PreOffset+i == sp.PostOffset+int(j)
}

// countSelf returns the number of self connections in c.
func countSelf(sp Spec, c *CSR) int {
	n := 0
	for i := 0; i < c.NPre; i++ {
		for _, j := range c.Col[c.RowPtr[i]:c.RowPtr[i+1]] {
			if isSelf(sp, i, j) {
				n++
			}
		}
	}
	return n
}

// inDegrees returns the number of synapses onto each post neuron.
func inDegrees(c *CSR) []int {
	d := make([]int, c.NPost)
	for _, j := range c.Col {
		d[j]++
	}
	return d
}

// hasDuplicates reports whether some row holds the same post twice.
func hasDuplicates(c *CSR) bool {
	for i := 0; i < c.NPre; i++ {
		row := c.Col[c.RowPtr[i]:c.RowPtr[i+1]]
		for k := 1; k < len(row); k++ {
			if row[k] == row[k-1] {
				return true
			}
		}
	}
	return false
}

func TestFixedProbabilityCounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		nPre, nPost int
		sp          Spec
	}{
		{"sparse", 2000, 3000, Spec{P: 0.02}},
		{"dense", 1000, 1000, Spec{P: 0.25}},
		{"very dense", 500, 400, Spec{P: 0.9}},
		{"tiny p", 3000, 3000, Spec{P: 1e-4}},
		{"recurrent no self", 1000, 1000, Spec{P: 0.5, SameRoot: true}},
		{"recurrent self", 1000, 1000, Spec{P: 0.5, SameRoot: true, AllowSelf: true}},
		{"sub-groups no self", 800, 1000, Spec{P: 0.3, SameRoot: true, PreOffset: 3000, PostOffset: 2500}},
	}
	for _, c := range cases {
		sp := c.sp
		sp.Rule = FixedProbability
		csr := gen(t, sp, c.nPre, c.nPost, 12345, 2)
		cand, _ := candidates(&sp, c.nPre, c.nPost)
		mean := float64(cand) * sp.P
		sd := math.Sqrt(mean * (1 - sp.P))
		if got := float64(csr.Len()); math.Abs(got-mean) > nSigma*sd {
			t.Errorf("%s: %v synapses, want %.0f ± %.0f", c.name, got, mean, nSigma*sd)
		}
		if !sp.AllowSelf {
			if n := countSelf(sp, csr); n != 0 {
				t.Errorf("%s: %d self connections, want none", c.name, n)
			}
		}
		if hasDuplicates(csr) {
			t.Errorf("%s: duplicate synapses", c.name)
		}
		// Out-degrees: their mean is the total over nPre (checked above);
		// their spread must be binomial: sum (k_i - m_i)²/(m_i (1-p)) is
		// close to chi-square with nPre degrees of freedom.
		chi2 := 0.0
		for i := 0; i < c.nPre; i++ {
			nc := float64(c.nPost)
			if selfIndex(sp.excludeSelf(), sp.PreOffset, sp.PostOffset, i, c.nPost) >= 0 {
				nc--
			}
			m := nc * sp.P
			d := float64(csr.RowPtr[i+1]-csr.RowPtr[i]) - m
			chi2 += d * d / (m * (1 - sp.P))
		}
		if df := float64(c.nPre); math.Abs(chi2-df) > nSigma*math.Sqrt(2*df)+nSigma*nSigma {
			t.Errorf("%s: out-degree chi-square %.0f, want %.0f ± %.0f", c.name, chi2, df, nSigma*math.Sqrt(2*df))
		}
		// In-degrees: targets are chosen uniformly.
		chi2 = 0
		for j, d := range inDegrees(csr) {
			nc := float64(c.nPre)
			if selfIndex(sp.excludeSelf(), sp.PostOffset, sp.PreOffset, j, c.nPre) >= 0 {
				nc--
			}
			m := nc * sp.P
			chi2 += (float64(d) - m) * (float64(d) - m) / (m * (1 - sp.P))
		}
		if df := float64(c.nPost); math.Abs(chi2-df) > nSigma*math.Sqrt(2*df)+nSigma*nSigma {
			t.Errorf("%s: in-degree chi-square %.0f, want %.0f ± %.0f", c.name, chi2, df, nSigma*math.Sqrt(2*df))
		}
	}
}

func TestFixedProbabilityEdges(t *testing.T) {
	t.Parallel()
	if c := gen(t, Spec{Rule: FixedProbability, P: 0}, 50, 60, 1, 2); c.Len() != 0 {
		t.Errorf("p = 0: %d synapses, want 0", c.Len())
	}
	c := gen(t, Spec{Rule: FixedProbability, P: 1, SameRoot: true}, 50, 50, 1, 2)
	if c.Len() != 50*49 || countSelf(Spec{SameRoot: true}, c) != 0 {
		t.Errorf("p = 1 without self: %d synapses, want %d", c.Len(), 50*49)
	}
	c = gen(t, Spec{Rule: FixedProbability, P: 1, SameRoot: true, AllowSelf: true}, 50, 50, 1, 2)
	if c.Len() != 50*50 {
		t.Errorf("p = 1 with self: %d synapses, want %d", c.Len(), 50*50)
	}
	for _, n := range [][2]int{{0, 0}, {0, 10}, {10, 0}} {
		if c := gen(t, Spec{Rule: FixedProbability, P: 0.5}, n[0], n[1], 1, 3); c.Len() != 0 {
			t.Errorf("%d×%d: %d synapses, want 0", n[0], n[1], c.Len())
		}
	}
}

// TestFixedProbabilityStreams checks the documented contract: the row of
// pre i is the geometric skipping of stream (seed, Connect, id, i, 0).
func TestFixedProbabilityStreams(t *testing.T) {
	t.Parallel()
	const nPre, nPost, p, seed = 20, 500, 0.1, 77
	c := gen(t, Spec{Rule: FixedProbability, P: p}, nPre, nPost, seed, 3)
	for i := 0; i < nPre; i++ {
		s := rng.New(seed, rng.Connect, rng.Hash("proj"), uint64(i), 0)
		var want []int32
		for j := s.Geometric(math.Log1p(-p)); j < nPost; j += 1 + s.Geometric(math.Log1p(-p)) {
			want = append(want, int32(j))
		}
		if got := c.Col[c.RowPtr[i]:c.RowPtr[i+1]]; !slices.Equal(got, want) {
			t.Fatalf("row %d = %v, want %v", i, got, want)
		}
	}
}

func TestAllToAllAndOneToOne(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		nPre, nPost int
		sp          Spec
		want        func(i, j int) bool
	}{
		{"all", 7, 5, Spec{Rule: AllToAll}, func(i, j int) bool { return true }},
		{"all recurrent", 6, 6, Spec{Rule: AllToAll, SameRoot: true}, func(i, j int) bool { return i != j }},
		{"all recurrent self", 6, 6, Spec{Rule: AllToAll, SameRoot: true, AllowSelf: true}, func(i, j int) bool { return true }},
		{"all sub-groups", 6, 8, Spec{Rule: AllToAll, SameRoot: true, PreOffset: 4, PostOffset: 0}, func(i, j int) bool { return i+4 != j }},
		{"all other root", 6, 6, Spec{Rule: AllToAll}, func(i, j int) bool { return true }},
		{"one", 9, 9, Spec{Rule: OneToOne}, func(i, j int) bool { return i == j }},
		{"one recurrent", 9, 9, Spec{Rule: OneToOne, SameRoot: true}, func(i, j int) bool { return false }},
		{"one recurrent self", 9, 9, Spec{Rule: OneToOne, SameRoot: true, AllowSelf: true}, func(i, j int) bool { return i == j }},
		{"one shifted", 9, 9, Spec{Rule: OneToOne, SameRoot: true, PreOffset: 0, PostOffset: 9}, func(i, j int) bool { return i == j }},
	}
	for _, c := range cases {
		csr := gen(t, c.sp, c.nPre, c.nPost, 3, 2)
		var want []int32
		ptr := []int64{0}
		for i := 0; i < c.nPre; i++ {
			for j := 0; j < c.nPost; j++ {
				if c.want(i, j) {
					want = append(want, int32(j))
				}
			}
			ptr = append(ptr, int64(len(want)))
		}
		if !slices.Equal(csr.Col, want) || !slices.Equal(csr.RowPtr, ptr) {
			t.Errorf("%s: got rows %v cols %v, want %v %v", c.name, csr.RowPtr, csr.Col, ptr, want)
		}
	}
}

func TestThreadsGiveIdenticalTables(t *testing.T) {
	t.Parallel()
	specs := []struct {
		sp          Spec
		nPre, nPost int
	}{
		{Spec{Rule: FixedProbability, P: 0.1}, 3001, 2003},
		{Spec{Rule: FixedProbability, P: 0.5, SameRoot: true, PreOffset: 10, PostOffset: 0}, 997, 1201},
		{Spec{Rule: AllToAll, SameRoot: true}, 301, 301},
		{Spec{Rule: OneToOne}, 1000, 1000},
		{Spec{Rule: FixedNumberPost, N: 17}, 1013, 709},
		{Spec{Rule: FixedNumberPost, N: 5, WithReplacement: true}, 1013, 709},
		{Spec{Rule: FixedNumberPre, N: 23, SameRoot: true}, 811, 811},
		{Spec{Rule: FixedNumberPre, N: 23, WithReplacement: true}, 811, 1500},
		{Spec{Rule: FromList, Pairs: [][2]int32{{3, 1}, {0, 2}, {3, 0}}}, 4, 3},
	}
	for _, s := range specs {
		ref := gen(t, s.sp, s.nPre, s.nPost, 2024, 1)
		for _, threads := range []int{2, 3, 8} {
			c := gen(t, s.sp, s.nPre, s.nPost, 2024, threads)
			if !slices.Equal(c.RowPtr, ref.RowPtr) || !slices.Equal(c.Col, ref.Col) {
				t.Errorf("%v: threads = %d differs from threads = 1", s.sp.Rule, threads)
			}
		}
		other := gen(t, s.sp, s.nPre, s.nPost, 2025, 1)
		random := s.sp.Rule != AllToAll && s.sp.Rule != OneToOne && s.sp.Rule != FromList
		if random && slices.Equal(other.Col, ref.Col) {
			t.Errorf("%v: seeds 2024 and 2025 give the same table", s.sp.Rule)
		}
	}
}

func benchmarkFixedProbability(b *testing.B, n int, p float64, threads int) {
	sp := Spec{Rule: FixedProbability, P: p}
	var syn int
	for b.Loop() {
		c, err := Generate(sp, n, n, 1, 1, threads)
		if err != nil {
			b.Fatal(err)
		}
		syn = c.Len()
	}
	b.ReportMetric(float64(syn)*float64(b.N)/b.Elapsed().Seconds(), "synapses/s")
}

// BenchmarkFixedProbability is sized like tian2020's recurrent projection
// (10000 × 10000 at p = 0.25, 25M synapses).
func BenchmarkFixedProbability(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=10000/p=0.25/threads=%d", threads), func(b *testing.B) {
			benchmarkFixedProbability(b, 10000, 0.25, threads)
		})
	}
	b.Run("n=10000/p=0.02/threads=2", func(b *testing.B) { benchmarkFixedProbability(b, 10000, 0.02, 2) })
}
