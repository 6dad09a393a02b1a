package plot

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteTraces(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// 100 ms of two membrane potentials sampled every 0.1 ms, in volts.
	tt := make([]float64, 1000)
	v0, v1 := make([]float64, len(tt)), make([]float64, len(tt))
	for k := range tt {
		tt[k] = float64(k) * 1e-4
		v0[k] = -0.065 + 0.01*math.Sin(float64(k)/50)
		v1[k] = -0.060
	}
	many := make([]Series, 30)
	for s := range many {
		many[s] = Series{Label: "v[" + strings.Repeat("9", s%3+1) + "]", Y: v0}
	}
	for _, tc := range []struct {
		name       string
		tr         Traces
		wantColors []int // series whose colour must appear in the data area
	}{
		{"two series", Traces{Title: "v", T: tt, YLabel: "v (mV)", YScale: 1e3,
			Series: []Series{{Label: "v[0]", Y: v0}, {Label: "v[1]", Y: v1}}}, []int{0, 1}},
		{"no scale no label", Traces{T: tt, Series: []Series{{Y: v0}}}, []int{0}},
		// The last series drawn, 29, is on top; its colour is that of 9.
		{"many series", Traces{T: tt, Series: many}, []int{9}},
		{"empty", Traces{}, nil},
		{"no times", Traces{Series: []Series{{Label: "v", Y: nil}}}, nil},
		{"one sample", Traces{T: []float64{0.001}, Series: []Series{{Label: "v", Y: []float64{-0.07}}}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".png")
			if err := WriteTraces(path, tc.tr); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, path)
			for _, s := range tc.wantColors {
				if n := countNear(img, dataArea, groupColor(s)); n == 0 {
					t.Errorf("series %d: no pixel of its colour in the data area", s)
				}
			}
		})
	}
}

func TestWriteTracesInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tr   Traces
		want string
	}{
		{Traces{Title: "v", T: []float64{0, 1e-4}, Series: []Series{{Label: "v[0]", Y: []float64{1}}}},
			`plot: traces "v": series "v[0]" has 1 values, want 2 (one per time)`},
		{Traces{Title: "v", T: []float64{0, 1e-4}, Series: []Series{{Label: "v[0]", Y: []float64{1, math.NaN()}}}},
			`plot: traces "v": series "v[0]": value 1 is NaN`},
		{Traces{Title: "v", T: []float64{math.Inf(1)}},
			`plot: traces "v": time 0 is +Inf`},
		{Traces{Title: "v", YScale: math.NaN()},
			`plot: traces "v": YScale NaN is not finite`},
	} {
		dir := t.TempDir()
		err := WriteTraces(filepath.Join(dir, "v.png"), tc.tr)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got error %v\nwant %s", err, tc.want)
		}
		checkNoFile(t, dir)
	}
}
