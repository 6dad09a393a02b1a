package examples

import (
	"slices"
	"testing"
)

func TestNames(t *testing.T) {
	t.Parallel()
	names := Names()
	for _, want := range []string{"coba", "cuba"} {
		if !slices.Contains(names, want) {
			t.Errorf("Names() = %v, missing %q", names, want)
		}
	}
	if _, _, ok := Source(Default); !ok {
		t.Errorf("default example %q is not embedded", Default)
	}
	if _, _, ok := Source("nonexistent"); ok {
		t.Error("Source(nonexistent) found a file")
	}
}
