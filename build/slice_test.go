package build

import (
	"strings"
	"testing"
)

// Slices follow Python: open ends, negative bounds from the end, clipping, and
// bounds computed from constants (the AdEx seed's G[(Ne+1):]).
func TestParseSlice(t *testing.T) {
	t.Parallel()
	cases := []struct {
		slice       string
		start, size int
	}{
		{"cells[:80]", 0, 80},
		{"cells[80:]", 80, 20},
		{"cells[10:20]", 10, 10},
		{"cells[-10:]", 90, 10},
		{"cells[:-10]", 0, 90},
		{"cells[50:1000]", 50, 50},
		{"cells[(ne+1):]", 81, 19},
		{"cells[ne//2:ne]", 40, 40},
	}
	for _, tc := range cases {
		text := strings.Replace(base, `slice = "cells[:80]"`, `slice = "`+tc.slice+`"`, 1)
		text = strings.Replace(text, `w = "0.5 nA"`, "w = \"0.5 nA\"\nne = \"80\"", 1)
		n, err := resolveText(t, text)
		if err != nil {
			t.Errorf("%s: %v", tc.slice, err)
			continue
		}
		v, _ := n.view("exc")
		if got := n.Views[v]; got.Start != tc.start || got.N != tc.size {
			t.Errorf("%s: start %d size %d, want %d and %d", tc.slice, got.Start, got.N, tc.start, tc.size)
		}
	}
}
