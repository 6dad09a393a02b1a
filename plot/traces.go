package plot

import (
	"fmt"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one trace: Y[k] is the value at time T[k] of its [Traces].
type Series struct {
	// Label names the series in the legend; an empty label adds no legend
	// entry.
	Label string
	Y     []float64
}

// Traces describes a line plot of state variables against time.
type Traces struct {
	Title string
	// T holds the sample times in seconds, shared by all series.
	T      []float64
	Series []Series
	// YLabel labels the y axis, in display units, e.g. "v (mV)".
	YLabel string
	// YScale multiplies every Y value for display, e.g. 1e3 for volts to
	// millivolts; 0 means 1.
	YScale float64
}

// WriteTraces draws tr, time in ms on the x axis, and writes it to path as
// a PNG, atomically. It returns an error, before writing anything, if a
// series' length differs from len(tr.T) or a time or value is not finite.
func WriteTraces(path string, tr Traces) error {
	p, entries, err := tr.plot()
	if err != nil {
		return err
	}
	return writePNG(path, p, entries)
}

// plot validates tr and returns its plot and legend entries.
func (tr Traces) plot() (*gplot.Plot, []legendEntry, error) {
	scale := tr.YScale
	if scale == 0 {
		scale = 1
	}
	if math.IsNaN(scale) || math.IsInf(scale, 0) {
		return nil, nil, fmt.Errorf("plot: traces %q: YScale %g is not finite", tr.Title, tr.YScale)
	}
	for k, t := range tr.T {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, nil, fmt.Errorf("plot: traces %q: time %d is %g", tr.Title, k, t)
		}
	}
	p := newPlot(tr.Title, "time (ms)", tr.YLabel)
	var entries []legendEntry
	for s, ser := range tr.Series {
		if len(ser.Y) != len(tr.T) {
			return nil, nil, fmt.Errorf("plot: traces %q: series %q has %d values, want %d (one per time)",
				tr.Title, ser.Label, len(ser.Y), len(tr.T))
		}
		xy := make(plotter.XYs, len(tr.T))
		for k, y := range ser.Y {
			v := y * scale
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("plot: traces %q: series %q: value %d is %g", tr.Title, ser.Label, k, y)
			}
			xy[k] = plotter.XY{X: tr.T[k] * 1e3, Y: v}
		}
		if len(xy) == 0 {
			continue
		}
		line, err := plotter.NewLine(xy)
		if err != nil {
			return nil, nil, fmt.Errorf("plot: traces %q: series %q: %w", tr.Title, ser.Label, err)
		}
		col := groupColor(s)
		line.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(1)}
		p.Add(line)
		if ser.Label != "" {
			entries = append(entries, legendEntry{label: ser.Label, color: col})
		}
	}
	if len(tr.T) == 0 {
		p.X.Min, p.X.Max = 0, autoSpan*1e3
		p.Y.Min, p.Y.Max = 0, 1
	}
	return p, entries, nil
}
