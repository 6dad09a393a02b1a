package main

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/output"
	"github.com/volleysim/volley/plot"
	"github.com/volleysim/volley/record"
)

// writeOutputs writes the data files and, if asked, the figures (design §6).
func writeOutputs(dir string, plan *build.Plan, extra *build.Outputs, res *engine.Result, sum *output.Summary, plots bool,
	spills []*output.TraceSpill, spikeSpill *output.SpikeSpill) error {
	if err := output.PrepareDir(dir); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	var trains []record.Spikes
	if spikeSpill != nil {
		// Streamed spikes: written from the file; no raster is drawn.
		var views []output.SpikeView
		for _, v := range plan.Spikes {
			vw := plan.Views[v]
			views = append(views, output.SpikeView{Name: vw.Name, Root: vw.Group, Start: vw.Start, N: vw.N})
		}
		if len(views) > 0 {
			if err := spikeSpill.WriteSpikesNPZ(dir, views, plan.DT); err != nil {
				return err
			}
		}
	} else {
		for _, v := range plan.Spikes {
			trains = append(trains, record.SpikesOf(plan, res, v))
		}
		if len(trains) > 0 {
			if err := output.WriteSpikes(dir, trains); err != nil {
				return err
			}
		}
	}
	traces := record.Traces(plan, res)
	if spills != nil {
		// Streamed monitors: the samples are in the spill files; the
		// figures of their traces are not drawn.
		for m, tr := range traces {
			t := make([]float64, spills[m].Samples())
			every := max(1, plan.Monitors[m].Every)
			for i := range t {
				t[i] = float64(plan.RecordFrom+int64(i)*every) * plan.DT
			}
			if err := spills[m].WriteTraceNPZ(dir, tr.Name, t, tr.Index, tr.Vars); err != nil {
				return err
			}
		}
		traces = nil
	}
	for _, tr := range traces {
		if err := output.WriteTrace(dir, tr); err != nil {
			return err
		}
	}
	rates := record.Rates(plan, res)
	for _, r := range rates {
		if err := output.WriteRate(dir, r); err != nil {
			return err
		}
	}
	means := record.SynapseMeans(plan, res)
	for _, s := range means {
		if err := output.WriteSynapseMean(dir, s); err != nil {
			return err
		}
	}
	if c := extra.Connectivity; c.File != "" {
		n, m := record.Connectivity(plan, c.Group, c.Values)
		if err := output.WriteConnectivity(dir, c.File, n, m); err != nil {
			return err
		}
	}
	for _, p := range extra.Synapses {
		if err := output.WriteSynapseTable(dir, record.Synapses(plan, p)); err != nil {
			return err
		}
	}
	if s := extra.SpikeTrains; s.File != "" {
		train := record.SpikesOf(plan, res, s.View)
		if spikeSpill != nil {
			vw := plan.Views[s.View]
			var err error
			if train, err = spikeSpill.Train(output.SpikeView{Name: vw.Name, Root: vw.Group, Start: vw.Start, N: vw.N}, plan.DT); err != nil {
				return err
			}
		}
		if err := output.WriteSpikeTrains(dir, s.File, train); err != nil {
			return err
		}
	}
	if !plots {
		return nil
	}
	for _, r := range rates {
		p := plot.Traces{Title: fmt.Sprintf("%s: population rate of %s", plan.Name, r.Group), T: r.T,
			YLabel: "rate (Hz)", YScale: 1, Series: []plot.Series{{Label: r.Group, Y: r.RateHz}}}
		if len(r.T) > 1 {
			if err := plot.WriteTraces(filepath.Join(dir, r.Name+".png"), p); err != nil {
				return err
			}
		}
	}
	for _, s := range means {
		p := plot.Traces{Title: fmt.Sprintf("%s: mean %s of the synapses of %s", plan.Name, s.Var, s.Projection), T: s.T,
			YLabel: "mean " + s.Var, YScale: 1, Series: []plot.Series{{Label: s.Projection, Y: s.Mean}}}
		if len(s.T) > 1 {
			if err := plot.WriteTraces(filepath.Join(dir, s.Name+".png"), p); err != nil {
				return err
			}
		}
	}
	if len(trains) > 0 {
		r := plot.Raster{Title: fmt.Sprintf("%s: spikes", plan.Name), TMax: sum.Duration}
		if extra.RasterTMax > 0 {
			r.TMax = min(extra.RasterTMax, sum.Duration)
			r.Title = fmt.Sprintf("%s: spikes, first %g s", plan.Name, r.TMax)
		}
		for _, s := range trains {
			r.Groups = append(r.Groups, plot.RasterGroup{Name: s.Group, N: s.N, T: s.T, I: s.I})
		}
		if err := plot.WriteRaster(filepath.Join(dir, "raster.png"), r); err != nil {
			return err
		}
	}
	if extra.Figure.File != "" && len(trains) > 0 {
		if err := writeOverview(dir, plan, extra, trains, rates, means, sum); err != nil {
			return err
		}
	}
	for _, tr := range traces {
		for v, name := range tr.Vars {
			scale, unit := displayScale(tr.Units[v])
			n := len(tr.T)
			if extra.TraceTMax > 0 {
				n = sort.SearchFloat64s(tr.T, extra.TraceTMax)
			}
			p := plot.Traces{Title: fmt.Sprintf("%s: %s of %s", plan.Name, name, tr.Group), T: tr.T[:n],
				YLabel: fmt.Sprintf("%s (%s)", name, unit), YScale: scale}
			for k, idx := range tr.Index {
				p.Series = append(p.Series, plot.Series{Label: fmt.Sprintf("%s[%d]", tr.Group, idx), Y: tr.Data[v][k][:n]})
			}
			if err := plot.WriteTraces(filepath.Join(dir, fmt.Sprintf("%s_%s.png", tr.Name, name)), p); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeOverview draws outputs.figure: the raster, the fraction of the
// rate-monitored cells firing per bin, and optionally a synapse monitor.
func writeOverview(dir string, plan *build.Plan, extra *build.Outputs, trains []record.Spikes, rates []record.Rate,
	means []record.SynapseMean, sum *output.Summary) error {
	f := extra.Figure
	o := plot.Overview{Title: plan.Name, ActivityMax: f.ActivityMax, InsetStart: f.InsetStart, InsetEnd: f.InsetEnd,
		Raster: plot.Raster{TMin: float64(plan.RecordFrom) * plan.DT, TMax: sum.Completed}}
	for _, s := range trains {
		o.Raster.Groups = append(o.Raster.Groups, plot.RasterGroup{Name: s.Group, N: s.N, T: s.T, I: s.I})
	}
	cells := 0
	for m, r := range rates {
		cells += plan.Views[plan.Rates[m].View].N
		if o.Activity == nil {
			o.ActivityT, o.Activity = r.T, make([]float64, len(r.T))
		}
		for k, c := range r.Count {
			o.Activity[k] += float64(c)
		}
	}
	for k := range o.Activity {
		o.Activity[k] /= float64(max(cells, 1))
	}
	if f.Synapses >= 0 {
		s := means[f.Synapses]
		o.SynapsesT, o.Synapses, o.SynapsesLabel = s.T, s.Mean, fmt.Sprintf("mean %s (%s)", s.Var, s.Projection)
		if f.SynapsesRange {
			o.SynapsesMin, o.SynapsesMax = f.SynapsesMin, f.SynapsesMax
		}
	}
	if o.Raster.TMax <= o.Raster.TMin {
		return nil // nothing recorded
	}
	return plot.WriteOverview(filepath.Join(dir, f.File), o)
}

// displayScale chooses the unit figures use for an SI unit.
func displayScale(si string) (float64, string) {
	switch si {
	case "V":
		return 1e3, "mV"
	case "A":
		return 1e9, "nA"
	case "S":
		return 1e9, "nS"
	case "s":
		return 1e3, "ms"
	}
	return 1, si
}
