package build_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/npy"
)

// runText resolves, compiles and runs a model text on one thread.
func runText(t *testing.T, src string) *engine.Result {
	t.Helper()
	m, err := model.Decode("m.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	net, err := build.Resolve(m)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := net.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(context.Background(), plan, engine.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestPerCellCatalogParameters gives catalog cells one value of a parameter
// per cell — an expression of i, and a file — and checks each cell's trace
// against a group of its own with that value as a constant.
func TestPerCellCatalogParameters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	thresh := filepath.Join(dir, "thresh.npy")
	if err := npy.WriteNPYFile(thresh, npy.Array{Shape: []int{3}, Data: []float64{-52, -55, -50}}); err != nil {
		t.Fatal(err)
	}
	const head = `
[run]
dt = "0.1 ms"
duration = "100 ms"
`
	cell := func(name, params, extra string) string {
		return fmt.Sprintf(`
[groups.%s]
size = %d
model = "IF_cond_exp"
params = { i_offset = "0.9 nA", %s }
%s
[monitors]
spikes = [%q]
[monitors.state.%s]
group = %q
vars = ["v"]
`, name, map[bool]int{true: 3, false: 1}[extra != ""], params, extra, name, name, name)
	}
	per := runText(t, head+cell("all", `tau_m = "10*ms + i*5*ms"`, `init_files = { v_thresh = { file = "`+thresh+`", unit = "mV" } }`))
	thr := []string{"-52 mV", "-55 mV", "-50 mV"}
	var spikes int
	for i := range 3 {
		one := runText(t, head+cell("one", fmt.Sprintf(`tau_m = "%d ms", v_thresh = %q`, 10+5*i, thr[i]), ""))
		got, want := per.Traces[0].Data[0][i], one.Traces[0].Data[0][0]
		if !slices.Equal(got, want) {
			t.Errorf("cell %d: v differs from a group with tau_m = %d ms, v_thresh = %s", i, 10+5*i, thr[i])
		}
		spikes += len(one.Spikes[0].Step)
	}
	if spikes == 0 {
		t.Error("no cell fired: the comparison does not test the threshold")
	}
}
