// Package plot draws Volley's figures as PNG files with gonum.org/v1/plot:
// spike rasters ([WriteRaster]) and state-variable traces ([WriteTraces]).
//
// Inputs use Volley's units: times in seconds, values in SI units; figures
// show time in milliseconds, and a [Traces] value carries the factor that
// converts its values for display (1e3 for volts to millivolts). Every
// figure is 8 × 5 inches at 100 dots per inch (800 × 500 pixels), with the
// legend in a column to the right of the axes.
//
// A raster draws its spikes into one image sized to the data area, pixel
// for pixel, instead of one vector glyph per spike, so that a figure of a
// million spikes takes milliseconds to draw. A spike is a square of one to
// three pixels (the height of a neuron's row); where spikes pile up on one
// pixel, its shade deepens with their count, so dense rasters still show
// where activity is higher.
//
// Files are written atomically (see [npy.WriteFileAtomic]). Inputs whose
// lengths disagree, indices outside their group, or non-finite values give
// an error naming the group or series; empty inputs give a valid figure
// with empty axes.
package plot
