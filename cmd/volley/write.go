package main

import (
	"fmt"
	"path/filepath"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/output"
	"github.com/volleysim/volley/plot"
	"github.com/volleysim/volley/record"
)

// writeOutputs writes the data files and, if asked, the figures (design §6).
func writeOutputs(dir string, plan *build.Plan, res *engine.Result, sum *output.Summary, plots bool) error {
	if err := output.PrepareDir(dir); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	var trains []record.Spikes
	for _, v := range plan.Spikes {
		trains = append(trains, record.SpikesOf(plan, res, v))
	}
	if len(trains) > 0 {
		if err := output.WriteSpikes(dir, trains); err != nil {
			return err
		}
	}
	traces := record.Traces(plan, res)
	for _, tr := range traces {
		if err := output.WriteTrace(dir, tr); err != nil {
			return err
		}
	}
	if !plots {
		return nil
	}
	if len(trains) > 0 {
		r := plot.Raster{Title: fmt.Sprintf("%s: spikes", plan.Name), TMax: sum.Duration}
		for _, s := range trains {
			r.Groups = append(r.Groups, plot.RasterGroup{Name: s.Group, N: s.N, T: s.T, I: s.I})
		}
		if err := plot.WriteRaster(filepath.Join(dir, "raster.png"), r); err != nil {
			return err
		}
	}
	for _, tr := range traces {
		for v, name := range tr.Vars {
			scale, unit := displayScale(tr.Units[v])
			p := plot.Traces{Title: fmt.Sprintf("%s: %s of %s", plan.Name, name, tr.Group), T: tr.T,
				YLabel: fmt.Sprintf("%s (%s)", name, unit), YScale: scale}
			for k, idx := range tr.Index {
				p.Series = append(p.Series, plot.Series{Label: fmt.Sprintf("%s[%d]", tr.Group, idx), Y: tr.Data[v][k]})
			}
			if err := plot.WriteTraces(filepath.Join(dir, fmt.Sprintf("%s_%s.png", tr.Name, name)), p); err != nil {
				return err
			}
		}
	}
	return nil
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
