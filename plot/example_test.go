package plot_test

import (
	"fmt"
	"image"
	_ "image/png"
	"os"
	"path/filepath"

	"github.com/volleysim/volley/plot"
)

func ExampleWriteRaster() {
	dir, err := os.MkdirTemp("", "volley-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "raster.png")
	err = plot.WriteRaster(path, plot.Raster{
		Title: "spikes",
		TMax:  0.1, // seconds
		Groups: []plot.RasterGroup{
			{Name: "E", N: 4, T: []float64{0.010, 0.012, 0.050}, I: []int64{0, 3, 1}},
			{Name: "I", N: 1, T: []float64{0.020}, I: []int64{0}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	fmt.Println(format, cfg.Width, cfg.Height, err)
	// Output:
	// png 800 500 <nil>
}

func ExampleWriteTraces() {
	dir, err := os.MkdirTemp("", "volley-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	err = plot.WriteTraces(filepath.Join(dir, "v.png"), plot.Traces{
		Title:  "membrane potential",
		T:      []float64{0, 1e-4, 2e-4}, // seconds
		Series: []plot.Series{{Label: "v[0]", Y: []float64{-0.065, -0.064, -0.0635}}},
		YLabel: "v (mV)",
		YScale: 1e3,
	})
	fmt.Println(err)
	// Output:
	// <nil>
}
