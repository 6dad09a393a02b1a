package output

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/volleysim/volley/npy"
)

// Chunks written to a spill come back as the npz of WriteTrace, and a spill
// reopened at a chunk boundary drops the chunks after it.
func TestTraceSpill(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := CreateTraceSpill(dir, "m", 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	chunk := func(first, n int) [][][]float64 {
		d := make([][][]float64, 2)
		for v := range d {
			d[v] = make([][]float64, 3)
			for k := range d[v] {
				for i := 0; i < n; i++ {
					d[v][k] = append(d[v][k], float64(100*v+10*k+first+i))
				}
			}
		}
		return d
	}
	for _, c := range [][2]int{{0, 4}, {4, 4}, {8, 2}} {
		if err := s.Write(int64(c[0]), chunk(c[0], c[1])); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = OpenTraceSpill(dir, "m", 2, 3, 8) // a checkpoint after 8 samples
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(8, chunk(8, 3)); err != nil {
		t.Fatal(err)
	}
	times := make([]float64, 11)
	for i := range times {
		times[i] = float64(i) * 1e-3
	}
	if err := s.WriteTraceNPZ(dir, "m", times, []int64{4, 5, 6}, []string{"v", "w"}); err != nil {
		t.Fatal(err)
	}
	arrays, err := npy.ReadNPZFile(filepath.Join(dir, "m.npz"))
	if err != nil {
		t.Fatal(err)
	}
	w := arrays[3].Data.([]float64)
	if arrays[3].Name != "w" || !slices.Equal(arrays[3].Shape, []int{3, 11}) {
		t.Fatalf("w: %s %v", arrays[3].Name, arrays[3].Shape)
	}
	for k := 0; k < 3; k++ {
		for i := 0; i < 11; i++ {
			if want := float64(100 + 10*k + i); w[k*11+i] != want {
				t.Fatalf("w[%d][%d] = %g, want %g", k, i, w[k*11+i], want)
			}
		}
	}
	if _, err := OpenTraceSpill(dir, "m", 2, 3, 9); err == nil {
		t.Error("reopening inside a chunk: no error")
	}
}
