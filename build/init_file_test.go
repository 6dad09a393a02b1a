package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/volleysim/volley/npy"
)

// TestInitFiles sets v of a group and of a sub-group from .npy files in mV
// and checks the values the compiled state holds, and the errors for a
// wrong length, a missing or wrong unit and an unknown variable.
func TestInitFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, vals []float64) string {
		path := filepath.Join(dir, name)
		if err := npy.WriteNPYFile(path, npy.Array{Shape: []int{len(vals)}, Data: vals}); err != nil {
			t.Fatal(err)
		}
		return path
	}
	all := make([]float64, 100)
	for i := range all {
		all[i] = -70 + 0.1*float64(i)
	}
	root := write("v.npy", all)
	first := write("v20.npy", make([]float64, 20))
	model := func(files string) string {
		return strings.Replace(base, `init = { v = "uniform(-65 mV, -50 mV)" }`, files, 1)
	}
	n, err := resolveText(t, model(`init_files = { v = { file = "`+root+`", unit = "mV" } }`+"\n"+
		`[groups.head]`+"\n"+`slice = "cells[:20]"`+"\n"+`init_files = { v = { file = "`+first+`", unit = "volt" } }`))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := plan.Groups[0].Var("v")
	for i, x := range v.Data {
		want := all[i] * 1e-3
		if i < 20 {
			want = 0 // the sub-group's file comes after the root group's
		}
		if x != want {
			t.Fatalf("v[%d] = %g, want %g", i, x, want)
		}
	}
	for _, tc := range []struct{ files, want string }{
		{`init_files = { v = { file = "` + first + `", unit = "mV" } }`, `has shape [20]; "cells" has 100 cells: expected shape (100,)`},
		{`init_files = { v = { file = "` + root + `" } }`, `give the unit of the values`},
		{`init_files = { v = { file = "` + root + `", unit = "nA" } }`, `unit "nA" is a`},
		{`init_files = { w = { file = "` + root + `", unit = "mV" } }`, `has no state variable "w"`},
		{`init_files = { v = { file = "` + filepath.Join(dir, "none.npy") + `", unit = "mV" } }`, `no such file`},
	} {
		_, err := resolveText(t, model(tc.files))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.files, err, tc.want)
		}
	}
}
