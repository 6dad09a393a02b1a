package plot

import (
	"fmt"
	"image/color"
	"image/png"
	"io"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/volleysim/volley/npy"
)

// Figure geometry: 8 × 5 inches at 100 dots per inch.
const (
	figWidth  = 8 * vg.Inch
	figHeight = 5 * vg.Inch
	figDPI    = 100
	// figMargin is the blank border around the figure.
	figMargin = 6 * vg.Millimeter
	// maxLegendEntries is the most legend rows shown; further entries are
	// summarised in one "+N more" row.
	maxLegendEntries = 12
)

// tab10 is the number of colours of the palette of groupColor.
const tab10 = 10

// groupColor returns the i-th colour of the matplotlib "tab10" palette,
// cycling after ten.
func groupColor(i int) color.RGBA {
	palette := [tab10]color.RGBA{
		{0x1f, 0x77, 0xb4, 0xff}, // blue
		{0xff, 0x7f, 0x0e, 0xff}, // orange
		{0x2c, 0xa0, 0x2c, 0xff}, // green
		{0xd6, 0x27, 0x28, 0xff}, // red
		{0x94, 0x67, 0xbd, 0xff}, // purple
		{0x8c, 0x56, 0x4b, 0xff}, // brown
		{0xe3, 0x77, 0xc2, 0xff}, // pink
		{0x7f, 0x7f, 0x7f, 0xff}, // grey
		{0xbc, 0xbd, 0x22, 0xff}, // olive
		{0x17, 0xbe, 0xcf, 0xff}, // cyan
	}
	return palette[i%tab10]
}

// legendEntry is one row of a figure's legend: a label and the colour of
// its swatch; a zero colour draws no swatch.
type legendEntry struct {
	label string
	color color.RGBA
}

// swatch is a legend thumbnail: a filled rectangle of one colour.
type swatch color.RGBA

// Thumbnail implements gonum's plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	if s.A == 0 {
		return
	}
	h := c.Max.Y - c.Min.Y
	y0, y1 := c.Min.Y+h/4, c.Max.Y-h/4
	c.FillPolygon(color.RGBA(s), []vg.Point{
		{X: c.Min.X, Y: y0}, {X: c.Max.X, Y: y0}, {X: c.Max.X, Y: y1}, {X: c.Min.X, Y: y1},
	})
}

// newPlot returns a plot with Volley's common settings.
func newPlot(title, xlabel, ylabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.Padding = 3 * vg.Millimeter
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	return p
}

// writePNG writes the figure of p and its legend entries to path as a PNG,
// atomically.
func writePNG(path string, p *gplot.Plot, entries []legendEntry) error {
	return npy.WriteFileAtomic(path, func(w io.Writer) error { return encodePNG(w, p, entries) })
}

// encodePNG draws p, with the given legend entries in a column on its
// right, and writes the figure to w as a PNG.
func encodePNG(w io.Writer, p *gplot.Plot, entries []legendEntry) error {
	c := vgimg.NewWith(vgimg.UseWH(figWidth, figHeight), vgimg.UseDPI(figDPI))
	dc := draw.Crop(draw.New(c), figMargin, -figMargin, figMargin/2, -figMargin)
	if len(entries) > 0 {
		l := gplot.NewLegend()
		l.Top, l.Left = true, true
		if len(entries) > maxLegendEntries {
			more := len(entries) - (maxLegendEntries - 1)
			entries = append(entries[:maxLegendEntries-1:maxLegendEntries-1],
				legendEntry{label: fmt.Sprintf("+%d more", more)})
		}
		for _, e := range entries {
			l.Add(e.label, swatch(e.color))
		}
		width := l.Rectangle(dc).Size().X + figMargin
		p.Draw(draw.Crop(dc, 0, -width, 0, 0))
		// Align the legend's top with the top of the data area.
		legendArea := draw.Crop(dc, dc.Size().X-width+figMargin, 0, 0, 0)
		legendArea.Max.Y = p.DataCanvas(draw.Crop(dc, 0, -width, 0, 0)).Max.Y
		l.Draw(legendArea)
	} else {
		p.Draw(dc)
	}
	// Figures are mostly flat colour, so the fastest deflate level costs
	// little in size.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, c.Image())
}
