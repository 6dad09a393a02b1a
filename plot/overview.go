package plot

import (
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/volleysim/volley/npy"
)

// Overview describes a figure of stacked panels sharing the time axis, as
// the Tsodyks 2000 seed draws its results: a spike raster, the network
// activity with an optional inset, and optionally a synapse variable.
type Overview struct {
	Title  string
	Raster Raster // its Title is not used
	// Activity is the fraction of cells firing in each bin starting at
	// ActivityT (seconds).
	ActivityT, Activity []float64
	ActivityMax         float64 // top of the axis; 0 fits the data
	// InsetStart and InsetEnd (seconds), if InsetEnd > InsetStart, are the
	// time range of an inset in the upper left of the activity panel.
	InsetStart, InsetEnd float64
	// Synapses, if SynapsesT is not empty, is drawn in a third panel with
	// the y label SynapsesLabel, on [SynapsesMin, SynapsesMax] if they
	// differ.
	SynapsesT, Synapses      []float64
	SynapsesLabel            string
	SynapsesMin, SynapsesMax float64
}

// Overview geometry: the seed's 6 × 8 inches.
const (
	overviewWidth  = 6 * vg.Inch
	overviewHeight = 8 * vg.Inch
)

// WriteOverview draws o and writes it to path as a PNG, atomically. It
// returns an error, before writing anything, if the raster is invalid (see
// WriteRaster), a series' times and values differ in length, or a value is
// not finite.
func WriteOverview(path string, o Overview) error {
	plots, err := o.plots()
	if err != nil {
		return err
	}
	return npy.WriteFileAtomic(path, func(w io.Writer) error { return o.encode(w, plots) })
}

// plots validates o and returns its panels, top to bottom.
func (o Overview) plots() ([]*gplot.Plot, error) {
	tmax, err := o.Raster.timeRange()
	if err != nil {
		return nil, err
	}
	tmin := o.Raster.TMin
	raster := newPlot(o.Title, "", "neuron")
	rp := newRasterPlotter(o.Raster.Groups, tmin, tmax)
	raster.Add(rp)
	raster.Y.Min, raster.Y.Max = 0, float64(max(rp.rows, 1))
	activity, err := line(o.ActivityT, o.Activity, "activity")
	if err != nil {
		return nil, err
	}
	act := newPlot("", "", "net activity")
	act.Add(activity)
	if o.ActivityMax > 0 {
		act.Y.Min, act.Y.Max = 0, o.ActivityMax
	}
	plots := []*gplot.Plot{raster, act}
	if len(o.SynapsesT) > 0 {
		syn, err := line(o.SynapsesT, o.Synapses, o.SynapsesLabel)
		if err != nil {
			return nil, err
		}
		p := newPlot("", "", o.SynapsesLabel)
		p.Add(syn)
		if o.SynapsesMax > o.SynapsesMin {
			p.Y.Min, p.Y.Max = o.SynapsesMin, o.SynapsesMax
		}
		plots = append(plots, p)
	}
	plots[len(plots)-1].X.Label.Text = "time (ms)"
	for _, p := range plots {
		p.X.Min, p.X.Max = tmin*1e3, tmax*1e3
	}
	return plots, nil
}

// line is a black line of values y at times t (seconds, drawn in ms).
func line(t, y []float64, what string) (*plotter.Line, error) {
	if len(t) != len(y) {
		return nil, fmt.Errorf("plot: %s: %d times but %d values", what, len(t), len(y))
	}
	xys := make(plotter.XYs, len(t))
	for k := range t {
		if math.IsNaN(t[k]) || math.IsInf(t[k], 0) || math.IsNaN(y[k]) || math.IsInf(y[k], 0) {
			return nil, fmt.Errorf("plot: %s: sample %d is (%g, %g)", what, k, t[k], y[k])
		}
		xys[k] = plotter.XY{X: t[k] * 1e3, Y: y[k]}
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	l.Color = color.Black
	return l, nil
}

// encode draws the panels stacked, with the activity inset, as a PNG.
func (o Overview) encode(w io.Writer, plots []*gplot.Plot) error {
	c := vgimg.NewWith(vgimg.UseWH(overviewWidth, overviewHeight), vgimg.UseDPI(figDPI))
	dc := draw.Crop(draw.New(c), figMargin, -figMargin, figMargin/2, -figMargin)
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadY: 4 * vg.Millimeter}
	cols := make([][]*gplot.Plot, len(plots))
	for i, p := range plots {
		cols[i] = []*gplot.Plot{p}
	}
	canvases := gplot.Align(cols, tiles, dc)
	for i, p := range plots {
		p.Draw(canvases[i][0])
	}
	if o.InsetEnd > o.InsetStart {
		if err := o.drawInset(plots[1].DataCanvas(canvases[1][0])); err != nil {
			return err
		}
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, c.Image())
}

// drawInset draws the activity over the inset's range in the upper left of
// the activity panel's data area (matplotlib's inset_axes([0.05, 0.35, 0.2,
// 0.6])).
func (o Overview) drawInset(area draw.Canvas) error {
	size := area.Max.Sub(area.Min)
	r := vg.Rectangle{
		Min: vg.Point{X: area.Min.X + 0.05*size.X, Y: area.Min.Y + 0.35*size.Y},
		Max: vg.Point{X: area.Min.X + 0.30*size.X, Y: area.Min.Y + 0.95*size.Y},
	}
	var t, y []float64
	for k, tk := range o.ActivityT {
		if tk >= o.InsetStart && tk <= o.InsetEnd {
			t, y = append(t, tk), append(y, o.Activity[k])
		}
	}
	l, err := line(t, y, "activity inset")
	if err != nil {
		return err
	}
	p := gplot.New()
	p.Add(l)
	p.X.Min, p.X.Max = o.InsetStart*1e3, o.InsetEnd*1e3
	p.X.Tick.Marker = gplot.ConstantTicks([]gplot.Tick{
		{Value: o.InsetStart * 1e3, Label: fmt.Sprintf("%g", o.InsetStart*1e3)},
		{Value: o.InsetEnd * 1e3, Label: fmt.Sprintf("%g", o.InsetEnd*1e3)},
	})
	p.Y.Tick.Marker = gplot.ConstantTicks(nil)
	if o.ActivityMax > 0 {
		p.Y.Min, p.Y.Max = 0, o.ActivityMax
	}
	p.BackgroundColor = color.White
	p.Draw(draw.Canvas{Canvas: area.Canvas, Rectangle: r})
	return nil
}
