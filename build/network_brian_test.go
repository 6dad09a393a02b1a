package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCOBAHHNetworkBrian2 runs the COBA-HH network with Brian2's own
// connectivity and a deterministic initial potential and compares every
// spike with Brian2 2.5.1 (testdata/cobahh_brian_*, see testdata/README.md):
// the same cells spike at the same steps, all 10333 of them, over 100 ms of a
// recurrent network where any difference in the dynamics, the synaptic
// delivery or the threshold semantics would grow.
func TestCOBAHHNetworkBrian2(t *testing.T) {
	t.Parallel()
	text, err := os.ReadFile("../examples/coba_hh.toml")
	if err != nil {
		t.Fatal(err)
	}
	ce, _ := filepath.Abs("testdata/cobahh_brian_ce.npy")
	ci, _ := filepath.Abs("testdata/cobahh_brian_ci.npy")
	s := strings.Replace(string(text), `init = { V = "El + (randn()*5 - 5)*mV" }`, `init = { V = "El + (i*20.0/4000 - 15)*mV" }`, 1)
	s = strings.Replace(s, `connector = { rule = "fixed_probability", p = "0.02" }`, `connector = { rule = "from_file", file = "`+ce+`" }`, 1)
	s = strings.Replace(s, `connector = { rule = "fixed_probability", p = "0.02" }`, `connector = { rule = "from_file", file = "`+ci+`" }`, 1)
	if strings.Count(s, "cobahh_brian_") != 2 || !strings.Contains(s, "i*20.0") {
		t.Fatal("the example changed; update the test's substitutions")
	}
	_, res := simulate(t, s, 2)
	ref := readCSV(t, "testdata/cobahh_brian_spikes.csv")
	var got [][2]int64
	for g := range res.Spikes {
		for k, st := range res.Spikes[g].Step {
			got = append(got, [2]int64{st, int64(res.Spikes[g].Cell[k])})
		}
	}
	if len(got) != len(ref) {
		t.Fatalf("%d spikes, Brian2 %d", len(got), len(ref))
	}
	for k, row := range ref {
		if got[k][0] != int64(row[0]) || got[k][1] != int64(row[1]) {
			t.Fatalf("spike %d: step %d cell %d, Brian2 step %d cell %d", k, got[k][0], got[k][1], int64(row[0]), int64(row[1]))
		}
	}
}
