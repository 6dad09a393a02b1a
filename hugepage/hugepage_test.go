package hugepage

import "testing"

// Slices from MinBytes are advised, unless VOLLEY_HUGEPAGES is 0.
func TestWanted(t *testing.T) {
	cases := []struct {
		size uintptr
		env  string
		want bool
	}{
		{MinBytes - 1, "", false}, {MinBytes, "", true}, {64 << 20, "", true},
		{MinBytes, "0", false}, {64 << 20, "0", false}, {MinBytes, "1", true},
	}
	for _, tc := range cases {
		if got := wanted(tc.size, tc.env); got != tc.want {
			t.Errorf("wanted(%d, %q) = %v, want %v", tc.size, tc.env, got, tc.want)
		}
	}
}
