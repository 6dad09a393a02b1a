package plot

import (
	"fmt"
	"image"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// dataArea is the part of a figure left of the legend column, where
// the spikes are drawn; the legend's swatches lie to its right.
var dataArea = image.Rect(0, 0, wantWidth*3/4, wantHeight)

func TestWriteRaster(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		name       string
		r          Raster
		wantGroups int // groups whose colour must appear in the data area
	}{
		{"two groups", Raster{Title: "COBA", TMax: 0.2, Groups: []RasterGroup{
			{Name: "E", N: 80, T: []float64{0.01, 0.05, 0.1, 0.15}, I: []int64{0, 10, 40, 79}},
			{Name: "I", N: 20, T: []float64{0.02, 0.12}, I: []int64{3, 19}},
		}}, 2},
		{"auto TMax", Raster{Groups: []RasterGroup{{Name: "E", N: 5, T: []float64{0.3, 0.7}, I: []int64{1, 4}}}}, 1},
		{"empty", Raster{}, 0},
		{"empty groups", Raster{Title: "silent", Groups: []RasterGroup{{Name: "E", N: 100}, {Name: "none"}}}, 0},
		{"one spike at TMax", Raster{TMin: 0.5, Groups: []RasterGroup{{Name: "E", N: 1, T: []float64{0.5}, I: []int64{0}}}}, 1},
		{"spikes outside range", Raster{TMin: 0.1, TMax: 0.2, Groups: []RasterGroup{{Name: "E", N: 3, T: []float64{0, 0.3}, I: []int64{0, 2}}}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".png")
			if err := WriteRaster(path, tc.r); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, path)
			for g := range tc.r.Groups {
				n := countColor(img, dataArea, groupColor(g))
				if want := g < tc.wantGroups; (n > 0) != want {
					t.Errorf("group %d: %d pixels of its colour in the data area, want some: %v", g, n, want)
				}
			}
		})
	}
}

func TestWriteRasterInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r    Raster
		want string
	}{
		{Raster{Groups: []RasterGroup{{Name: "E", N: 10, T: []float64{0.1, 0.2}, I: []int64{1}}}},
			`plot: raster group "E": 2 spike times but 1 indices`},
		{Raster{Groups: []RasterGroup{{Name: "E", N: 10, T: []float64{0.1}, I: []int64{10}}}},
			`plot: raster group "E": spike 0 has index 10, outside [0, 10)`},
		{Raster{Groups: []RasterGroup{{Name: "E", N: 10, T: []float64{0.1}, I: []int64{-1}}}},
			`plot: raster group "E": spike 0 has index -1, outside [0, 10)`},
		{Raster{Groups: []RasterGroup{{Name: "E", N: 10, T: []float64{math.NaN()}, I: []int64{1}}}},
			`plot: raster group "E": spike 0 has time NaN`},
		{Raster{Groups: []RasterGroup{{Name: "E", N: -1}}},
			`plot: raster group "E": negative size -1`},
		{Raster{Title: "r", TMin: 1, TMax: 0.5},
			`plot: raster "r": TMax 0.5 s is not after TMin 1 s`},
		{Raster{Title: "r", TMax: math.Inf(1)},
			`plot: raster "r": time range [0, +Inf] is not finite`},
	} {
		dir := t.TempDir()
		err := WriteRaster(filepath.Join(dir, "r.png"), tc.r)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got error %v\nwant %s", err, tc.want)
		}
		checkNoFile(t, dir)
	}
}

// TestRasterize checks where spikes land in the raster image: the image
// spans TMin..TMax left to right and rows bottom to top.
func TestRasterize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		w, h   int
		groups []RasterGroup
		want   []image.Point // top-left pixel of each spike's square
		size   int           // side of each square
	}{
		{
			name: "one pixel per row", w: 100, h: 10, size: 1,
			groups: []RasterGroup{{N: 10, T: []float64{0, 0.05, 0.1}, I: []int64{0, 5, 9}}},
			want:   []image.Point{{0, 9}, {50, 4}, {99, 0}},
		},
		{
			name: "stacked groups", w: 100, h: 20, size: 1,
			groups: []RasterGroup{
				{N: 10, T: []float64{0.02}, I: []int64{0}},
				{N: 10, T: []float64{0.02}, I: []int64{0}},
			},
			want: []image.Point{{20, 19}, {20, 9}},
		},
		{
			name: "tall rows", w: 100, h: 40, size: 3,
			groups: []RasterGroup{{N: 4, T: []float64{0.05}, I: []int64{0}}},
			// Row 0 spans pixels 30..39, centre 35; the 3x3 square starts one before.
			want: []image.Point{{49, 34}},
		},
	} {
		rp := newRasterPlotter(tc.groups, 0, 0.1)
		img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
		rp.rasterize(img)
		want := map[image.Point]bool{}
		for _, p := range tc.want {
			for dy := range tc.size {
				for dx := range tc.size {
					want[p.Add(image.Pt(dx, dy))] = true
				}
			}
		}
		for y := range tc.h {
			for x := range tc.w {
				set := img.RGBAAt(x, y).A != 0
				if set != want[image.Pt(x, y)] {
					t.Errorf("%s: pixel (%d, %d) set: %v, want %v", tc.name, x, y, set, !set)
				}
			}
		}
	}
}

// syntheticSpikes returns n Poisson-like spikes spread over groups sized
// like the COBA benchmark (3200 E, 800 I) during 1 s, seeded.
func syntheticSpikes(n int) []RasterGroup {
	rng := rand.New(rand.NewPCG(1, 2))
	groups := []RasterGroup{{Name: "E", N: 3200}, {Name: "I", N: 800}}
	for k := range n {
		g := &groups[k%5/4] // 4 of 5 spikes excitatory
		g.T = append(g.T, rng.Float64())
		g.I = append(g.I, rng.Int64N(int64(g.N)))
	}
	return groups
}

func benchmarkWriteRaster(b *testing.B, spikes int) {
	r := Raster{Title: "benchmark", Groups: syntheticSpikes(spikes), TMax: 1}
	path := filepath.Join(b.TempDir(), "raster.png")
	b.ResetTimer()
	for b.Loop() {
		if err := WriteRaster(path, r); err != nil {
			b.Fatal(err)
		}
	}
}

// benchmarkEncodeRaster measures drawing and PNG encoding alone, without
// the file system's write and sync.
func benchmarkEncodeRaster(b *testing.B, spikes int) {
	r := Raster{Title: "benchmark", Groups: syntheticSpikes(spikes), TMax: 1}
	b.ResetTimer()
	for b.Loop() {
		p, entries, err := r.plot()
		if err != nil {
			b.Fatal(err)
		}
		if err := encodePNG(io.Discard, p, entries); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteRaster(b *testing.B) {
	for _, n := range []int{1000, 500_000, 2_000_000} {
		b.Run(fmt.Sprintf("%dspikes", n), func(b *testing.B) { benchmarkWriteRaster(b, n) })
	}
}

func BenchmarkEncodeRaster(b *testing.B) {
	for _, n := range []int{1000, 500_000, 2_000_000} {
		b.Run(fmt.Sprintf("%dspikes", n), func(b *testing.B) { benchmarkEncodeRaster(b, n) })
	}
}

// TestRasterPlotterVectorCanvas checks that on a canvas without pixels the
// raster is handed over as one image.
func TestRasterPlotterVectorCanvas(t *testing.T) {
	t.Parallel()
	r := Raster{TMax: 1, Groups: []RasterGroup{{Name: "E", N: 2, T: []float64{0.5}, I: []int64{1}}}}
	p, _, err := r.plot()
	if err != nil {
		t.Fatal(err)
	}
	var rec recorder.Canvas
	p.Draw(draw.Canvas{Canvas: &rec, Rectangle: vg.Rectangle{Max: vg.Point{X: figWidth, Y: figHeight}}})
	images := 0
	for _, a := range rec.Actions {
		if _, ok := a.(*recorder.DrawImage); ok {
			images++
		}
	}
	if images != 1 {
		t.Errorf("got %d DrawImage calls, want 1", images)
	}
}

// TestWriteRasterSpikePosition checks that a spike lands where its time and
// neuron say in the final figure: spikes at two opposite corners of the
// data area locate it, and one at t = 50 ms, neuron 50 of 101, must lie at
// its centre. Spikes are 3x3 squares here (about 3.7 pixels per row); the
// legend swatch of the same colour is told apart by its longer runs.
func TestWriteRasterSpikePosition(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "r.png")
	r := Raster{TMax: 0.1, Groups: []RasterGroup{
		{Name: "E", N: 101, T: []float64{0, 0.1, 0.05}, I: []int64{0, 100, 50}},
	}}
	if err := WriteRaster(path, r); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	col := groupColor(0)
	b := img.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	var hits []image.Point
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; {
			run := 0
			for x+run < b.Max.X && countColor(img, image.Rect(x+run, y, x+run+1, y+1), col) == 1 {
				run++
			}
			if run > 0 && run <= 3 {
				for k := range run {
					hits = append(hits, image.Pt(x+k, y))
				}
				box = box.Union(image.Rect(x, y, x+run, y+1))
			}
			x += max(run, 1)
		}
	}
	// The corner squares lose the column outside the data area.
	if len(hits) != 9+6+6 {
		t.Errorf("got %d spike pixels, want 21: one 3x3 square and two clipped to 3x2", len(hits))
	}
	if box.Dx() < 400 || box.Dy() < 300 {
		t.Fatalf("corner spikes span %v, want most of the figure", box)
	}
	centre := image.Pt((box.Min.X+box.Max.X)/2, (box.Min.Y+box.Max.Y)/2)
	found := false
	for _, p := range hits {
		if d := p.Sub(centre); d.X*d.X+d.Y*d.Y <= 4 {
			found = true
		}
	}
	if !found {
		t.Errorf("no spike pixel within 2 pixels of the centre %v of %v", centre, box)
	}
}
