package rng

import "testing"

// FirstNormals gives exactly the first Normal of each stream, for contiguous
// and listed cells and for block lengths that are not multiples of four.
func TestFirstNormals(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 3, 4, 7, 1000} {
		out := make([]float64, n)
		FirstNormals(42, Noise, 7, 99, 10, nil, out)
		cells := make([]int32, n)
		for k := range cells {
			cells[k] = int32(3*k + 1)
		}
		out2 := make([]float64, n)
		FirstNormals(42, Noise, 7, 99, 0, cells, out2)
		for k := 0; k < n; k++ {
			s := New(42, Noise, 7, uint64(10+k), 99)
			if want := s.Normal(); out[k] != want {
				t.Fatalf("n=%d cell %d: %g, Stream.Normal %g", n, 10+k, out[k], want)
			}
			s = New(42, Noise, 7, uint64(cells[k]), 99)
			if want := s.Normal(); out2[k] != want {
				t.Fatalf("n=%d listed cell %d: %g, Stream.Normal %g", n, cells[k], out2[k], want)
			}
		}
	}
}

func BenchmarkFirstNormals(b *testing.B) {
	out := make([]float64, 256)
	for i := 0; i < b.N; i++ {
		FirstNormals(1, Noise, 2, uint64(i), 0, nil, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/value")
}

func BenchmarkStreamNormal(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := New(1, Noise, 2, uint64(i%256), uint64(i))
		_ = s.Normal()
	}
}
