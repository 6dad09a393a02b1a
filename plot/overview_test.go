package plot

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteOverview(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// 1 s recorded after 0.5 s: a burst of every cell at 1 s
	g := RasterGroup{Name: "exc", N: 50}
	for i := range 50 {
		g.T, g.I = append(g.T, 1.0, 0.6+0.01*float64(i)), append(g.I, int64(i), int64(i))
	}
	o := Overview{Title: "burst", Raster: Raster{Groups: []RasterGroup{g}, TMin: 0.5, TMax: 1.5},
		InsetStart: 0.98, InsetEnd: 1.02, ActivityMax: 1.2,
		SynapsesLabel: "mean x", SynapsesMin: 0, SynapsesMax: 1}
	for k := range 1000 {
		tk := 0.5 + float64(k)*1e-3
		o.ActivityT = append(o.ActivityT, tk)
		o.SynapsesT = append(o.SynapsesT, tk)
		a, x := 0.02, 0.5
		if k == 500 {
			a = 1
		}
		if k > 500 {
			x = 0.25
		}
		o.Activity, o.Synapses = append(o.Activity, a), append(o.Synapses, x)
	}
	path := filepath.Join(dir, "overview.png")
	if err := WriteOverview(path, o); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 800 {
		t.Errorf("figure is %d × %d pixels, want the seed's 600 × 800", b.Dx(), b.Dy())
	}
	if n := countNear(img, img.Bounds(), groupColor(0)); n < 50 {
		t.Errorf("%d pixels of the raster's colour, want at least one per spike", n)
	}

	bad := o
	bad.Activity = bad.Activity[:10]
	err = WriteOverview(filepath.Join(dir, "bad.png"), bad)
	if err == nil || !strings.Contains(err.Error(), "1000 times but 10 values") {
		t.Errorf("mismatched activity: error %v", err)
	}
}
