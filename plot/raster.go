package plot

import (
	"fmt"
	"image"
	"image/color"
	imagedraw "image/draw"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// RasterGroup is the spikes of one neuron group: spike k is neuron I[k]
// firing at time T[k].
type RasterGroup struct {
	Name string
	// N is the number of neurons in the group; the group takes N rows.
	N int
	// T holds spike times in seconds.
	T []float64
	// I holds the index within the group, in [0, N), of each spike.
	I []int64
}

// Raster describes a spike raster: time on the x axis, neurons on the y
// axis.
type Raster struct {
	Title string
	// Groups are stacked from bottom to top in order, each in its own
	// colour and named in the legend.
	Groups []RasterGroup
	// TMin and TMax bound the time axis, in seconds. TMax 0 means the last
	// spike time, or TMin + 0.1 s if no spike falls after TMin.
	TMin, TMax float64
}

// autoSpan is the time span, in seconds, of a raster with automatic TMax
// and no spike after TMin.
const autoSpan = 0.1

// WriteRaster draws r and writes it to path as a PNG, atomically. It
// returns an error, before writing anything, if a group's T and I differ in
// length, an index is outside its group, a time is not finite, or
// TMax is set and not after TMin. Spikes outside [TMin, TMax] are not
// drawn.
func WriteRaster(path string, r Raster) error {
	p, entries, err := r.plot()
	if err != nil {
		return err
	}
	return writePNG(path, p, entries)
}

// plot validates r and returns its plot and legend entries.
func (r Raster) plot() (*gplot.Plot, []legendEntry, error) {
	tmax, err := r.timeRange()
	if err != nil {
		return nil, nil, err
	}
	rp := newRasterPlotter(r.Groups, r.TMin, tmax)
	p := newPlot(r.Title, "time (ms)", "neuron")
	p.X.Min, p.X.Max = r.TMin*1e3, tmax*1e3
	p.Y.Min, p.Y.Max = 0, float64(max(rp.rows, 1))
	p.Add(rp)
	// The legend lists groups top to bottom, as they are stacked.
	entries := make([]legendEntry, 0, len(r.Groups))
	for g := len(r.Groups) - 1; g >= 0; g-- {
		entries = append(entries, legendEntry{
			label: fmt.Sprintf("%s (%d)", r.Groups[g].Name, r.Groups[g].N),
			color: groupColor(g),
		})
	}
	return p, entries, nil
}

// timeRange validates r and returns the end of its time axis.
func (r Raster) timeRange() (float64, error) {
	if math.IsNaN(r.TMin) || math.IsInf(r.TMin, 0) || math.IsNaN(r.TMax) || math.IsInf(r.TMax, 0) {
		return 0, fmt.Errorf("plot: raster %q: time range [%g, %g] is not finite", r.Title, r.TMin, r.TMax)
	}
	if r.TMax != 0 && r.TMax <= r.TMin {
		return 0, fmt.Errorf("plot: raster %q: TMax %g s is not after TMin %g s", r.Title, r.TMax, r.TMin)
	}
	last := math.Inf(-1)
	for _, g := range r.Groups {
		if g.N < 0 {
			return 0, fmt.Errorf("plot: raster group %q: negative size %d", g.Name, g.N)
		}
		if len(g.T) != len(g.I) {
			return 0, fmt.Errorf("plot: raster group %q: %d spike times but %d indices", g.Name, len(g.T), len(g.I))
		}
		for k, t := range g.T {
			if math.IsNaN(t) || math.IsInf(t, 0) {
				return 0, fmt.Errorf("plot: raster group %q: spike %d has time %g", g.Name, k, t)
			}
			last = max(last, t)
		}
		for k, i := range g.I {
			if i < 0 || i >= int64(g.N) {
				return 0, fmt.Errorf("plot: raster group %q: spike %d has index %d, outside [0, %d)", g.Name, k, i, g.N)
			}
		}
	}
	switch {
	case r.TMax != 0:
		return r.TMax, nil
	case last > r.TMin:
		return last, nil
	}
	return r.TMin + autoSpan, nil
}

// rasterPlotter is a gonum plot.Plotter that draws spikes as pixels of an
// image sized to the data area. Row offset[g]+i is neuron i of group g.
type rasterPlotter struct {
	groups     []RasterGroup
	offset     []int
	rows       int
	tmin, tmax float64 // seconds
}

func newRasterPlotter(groups []RasterGroup, tmin, tmax float64) *rasterPlotter {
	rp := &rasterPlotter{groups: groups, offset: make([]int, len(groups)), tmin: tmin, tmax: tmax}
	for g, grp := range groups {
		rp.offset[g] = rp.rows
		rp.rows += grp.N
	}
	return rp
}

// DataRange implements gonum's plot.DataRanger: time in ms, rows.
func (rp *rasterPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return rp.tmin * 1e3, rp.tmax * 1e3, 0, float64(max(rp.rows, 1))
}

// Plot implements gonum's plot.Plotter. Each spike becomes a square of
// s × s pixels, s being the height of one row clamped to [1, 3].
func (rp *rasterPlotter) Plot(c draw.Canvas, p *gplot.Plot) {
	base := baseCanvas(c.Canvas)
	dpi := 72.0
	if d, ok := base.(interface{ DPI() float64 }); ok {
		dpi = d.DPI()
	}
	// Snap the data area to whole pixels so the image maps 1:1 onto them.
	trX, trY := p.Transforms(&c)
	x0 := math.Round(trX(rp.tmin * 1e3).Dots(dpi))
	x1 := math.Round(trX(rp.tmax * 1e3).Dots(dpi))
	y0 := math.Round(trY(0).Dots(dpi))
	y1 := math.Round(trY(float64(max(rp.rows, 1))).Dots(dpi))
	w, h := int(x1-x0), int(y1-y0)
	if w <= 0 || h <= 0 {
		return
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if rp.rows > 0 {
		rp.rasterize(img)
	}
	if ic, ok := base.(interface{ Image() imagedraw.Image }); ok {
		// A raster canvas (gonum's vgimg): composite pixel for pixel, since
		// DrawImage resamples and blurs single-pixel spikes. vgimg's y axis
		// points up from the bottom edge of its image.
		dst := ic.Image()
		top := dst.Bounds().Max.Y
		r := image.Rect(int(x0), top-int(y1), int(x1), top-int(y0))
		imagedraw.Draw(dst, r, img, image.Point{}, imagedraw.Over)
	} else {
		toLen := func(dots float64) vg.Length { return vg.Length(dots / dpi * vg.Inch.Points()) }
		c.DrawImage(vg.Rectangle{
			Min: vg.Point{X: toLen(x0), Y: toLen(y0)},
			Max: vg.Point{X: toLen(x1), Y: toLen(y1)},
		}, img)
	}

	// Thin lines between groups.
	sep := draw.LineStyle{Color: color.Gray{0xb0}, Width: vg.Points(0.5)}
	for g := 1; g < len(rp.groups); g++ {
		y := trY(float64(rp.offset[g]))
		c.StrokeLine2(sep, c.Min.X, y, c.Max.X, y)
	}
}

// baseCanvas returns the backend canvas under the nested draw.Canvas
// values that cropping creates.
func baseCanvas(c vg.Canvas) vg.Canvas {
	for {
		switch dc := c.(type) {
		case draw.Canvas:
			c = dc.Canvas
		case *draw.Canvas:
			c = dc.Canvas
		default:
			return c
		}
	}
}

// rasterize draws every spike, as opaque pixels, in img, whose bounds span the time range
// horizontally and all rows vertically (row 0 at the bottom). Each spike
// covers an s × s square, s being the height of one row clamped to [1, 3]
// pixels. Where spikes are dense, several fall on one pixel; a pixel's
// colour then fades from white to the group's colour with its count,
// saturating at 2m-1 spikes, m being the mean count of the pixels hit, so
// a sparse raster shows every spike in full colour and a dense one still
// shows where activity is higher.
func (rp *rasterPlotter) rasterize(img *image.RGBA) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rowPx := float64(h) / float64(rp.rows)
	s := int(min(max(rowPx, 1), 3))
	xScale := float64(w) / (rp.tmax - rp.tmin)
	count := make([]uint32, w*h)
	group := make([]uint16, w*h) // index of the last group that hit each pixel
	for g, grp := range rp.groups {
		off := float64(rp.offset[g])
		for k, t := range grp.T {
			if t < rp.tmin || t > rp.tmax {
				continue
			}
			px := min(int((t-rp.tmin)*xScale), w-1) - (s-1)/2
			py := min(int(float64(h)-(off+float64(grp.I[k])+0.5)*rowPx), h-1) - (s-1)/2
			for y := max(py, 0); y < min(py+s, h); y++ {
				for x := max(px, 0); x < min(px+s, w); x++ {
					count[y*w+x]++
					group[y*w+x] = uint16(g % tab10)
				}
			}
		}
	}
	var hits, total float64
	for _, c := range count {
		if c > 0 {
			hits++
			total += float64(c)
		}
	}
	if hits == 0 {
		return
	}
	saturation := max(2*total/hits-1, 1)
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x, c := range count[y*w : y*w+w] {
			if c == 0 {
				continue
			}
			a := min(float64(c)/saturation, 1)
			col := groupColor(int(group[y*w+x]))
			pix := row[4*x : 4*x+4 : 4*x+4]
			pix[0] = fade(col.R, a)
			pix[1] = fade(col.G, a)
			pix[2] = fade(col.B, a)
			pix[3] = 0xff
		}
	}
}

// fade returns the channel value a fraction a of the way from white to v.
func fade(v uint8, a float64) uint8 {
	return uint8(math.Round(255 - a*(255-float64(v))))
}
