package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/output"
	"github.com/volleysim/volley/record"
	"github.com/volleysim/volley/units"
)

// runOptions are the flags of `volley run`.
type runOptions struct {
	out     string
	threads int
	noPlots bool
	quiet   bool
	force   bool
	overrides

	stopAfter       string // simulated time after which to stop and write a checkpoint
	checkpointEvery string // simulated time between checkpoints
	stream          bool   // stream state monitors to files whatever their size
	keepCheckpoint  bool   // write a checkpoint at the end of a completed run too
	cpuProfile      string // write a pprof CPU profile of the run to this file
}

func (o *runOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "output directory (default volley-out/<model>)")
	fs.IntVar(&o.threads, "threads", runtime.NumCPU(), "worker threads; results do not depend on it")
	fs.BoolVar(&o.noPlots, "no-plots", false, "do not draw PNG figures")
	fs.BoolVar(&o.quiet, "quiet", false, "print only errors and warnings")
	fs.BoolVar(&o.force, "force", false, "replace the results of an earlier run in the output directory")
	fs.StringVar(&o.seed, "seed", "", "random seed (default: the model's)")
	fs.StringVar(&o.dt, "dt", "", "time step with its unit, e.g. \"0.1 ms\"")
	fs.StringVar(&o.duration, "duration", "", "simulated time with its unit, e.g. \"2 s\"")
	fs.Var(&o.sets, "set", "override a constant of the model: NAME=VALUE, e.g. Gexc=\"5 nS\" (repeatable)")
	fs.StringVar(&o.stopAfter, "stop-after", "", "stop after this simulated time and write a checkpoint (continue with volley resume)")
	fs.BoolVar(&o.keepCheckpoint, "keep-checkpoint", false, "write a checkpoint at the end of the run too, to extend it later with volley resume --duration")
	fs.StringVar(&o.checkpointEvery, "checkpoint-every", "", "write a checkpoint every so much simulated time, e.g. \"10 s\"")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of build and simulation to this file (go tool pprof)")
	fs.BoolVar(&o.stream, "stream", false, "stream state monitors to disk in chunks (automatic above 64 MiB of samples)")
}

// runRun runs a model and writes its outputs.
func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	o.flags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: volley run [MODEL] [flags]\n\nMODEL is a .toml model file or a built-in example (volley examples); default coba.\n\nflags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("run takes one model, got %d: %v", len(pos), pos)
	}
	if o.threads < 1 {
		return usagef("--threads %d: need at least 1", o.threads)
	}
	arg := ""
	if len(pos) == 1 {
		arg = pos[0]
	}
	stop, err := startCPUProfile(o.cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	t0 := time.Now()
	src, err := loadModel(arg)
	if err != nil {
		return err
	}
	sess := &session{runOptions: o, src: src, stdout: stdout, stderr: stderr}
	if err := sess.build(t0); err != nil {
		return err
	}
	if sess.dir == "" {
		sess.dir = filepath.Join("volley-out", src.m.Name)
	}
	if err := output.CheckDir(sess.dir, o.force); err != nil {
		return err
	}
	return sess.simulate(ctx, nil)
}

func cellCount(p *build.Plan) int {
	n := 0
	for _, g := range p.Groups {
		n += g.N
	}
	return n
}

func synapseCount(p *build.Plan) int {
	n := 0
	for _, pr := range p.Projections {
		n += pr.Conn.Len()
	}
	return n
}

// summarize fills summary.json's content except the timings.
func summarize(net *build.Network, plan *build.Plan, res *engine.Result, threads int) *output.Summary {
	s := &output.Summary{
		Model: plan.Name, Source: net.Model.Source, Seed: plan.Seed, DT: plan.DT,
		Duration: float64(plan.Steps) * plan.DT, Completed: float64(res.Completed) * plan.DT,
		Complete: res.Completed == plan.Steps, Threads: threads, Warnings: net.Warnings,
		Cells: cellCount(plan), Steps: res.Completed, Events: record.Events(plan, res),
		Groups: []output.GroupSummary{}, Projections: []output.ProjectionSummary{},
	}
	for v, view := range plan.Views {
		spikes, rate := record.Count(plan, res, v)
		s.Groups = append(s.Groups, output.GroupSummary{Name: view.Name, Model: plan.Groups[view.Group].Model,
			Size: view.N, Spikes: spikes, RateHz: rate})
	}
	for _, p := range plan.Projections {
		s.Projections = append(s.Projections, output.ProjectionSummary{Name: p.Name,
			Pre: plan.Views[p.Pre].Name, Post: plan.Views[p.Post].Name, Synapses: p.Conn.Len(),
			Weight: weightText(plan, p)})
	}
	return s
}

// report prints what the PyNN benchmark script prints.
func report(w io.Writer, s *output.Summary, cells int, dir string) {
	fmt.Fprintf(w, "\n--- %s ---\n", s.Model)
	fmt.Fprintf(w, "%-23s: %d\n", "Number of cells", cells)
	for _, p := range s.Projections {
		fmt.Fprintf(w, "%-23s: %d  (%s -> %s, weight %s)\n", "Synapses "+p.Name, p.Synapses, p.Pre, p.Post, p.Weight)
	}
	for _, g := range s.Groups {
		fmt.Fprintf(w, "%-23s: %g Hz  (%d spikes, %d cells)\n", "Rate "+g.Name, round3(g.RateHz), g.Spikes, g.Size)
	}
	if !s.Complete {
		fmt.Fprintf(w, "%-23s: stopped at %g s of %g s\n", "Simulated time", s.Completed, s.Duration)
	}
	fmt.Fprintf(w, "%-23s: %.3f s\n", "Build time", s.Timings.Build)
	fmt.Fprintf(w, "%-23s: %.3f s\n", "Simulation time", s.Timings.Run)
	fmt.Fprintf(w, "%-23s: %.3f s\n", "Writing time", s.Timings.Write)
	fmt.Fprintf(w, "%-23s: %s\n", "Outputs", dir)
}

func round3(x float64) float64 {
	return float64(int64(float64(x*1000)+0.5)) / 1000 // float64: no fused multiply-add
}

// weightText prints a projection's weight with a unit: "4 nS", or
// "per synapse" when each synapse has its own.
func weightText(plan *build.Plan, p *build.Projection) string {
	if p.Syn != nil {
		return "set by the synapse equations"
	}
	if p.Weights != nil {
		return "per synapse"
	}
	// Twelve significant digits hide the last-bit noise of weights computed
	// from constants (-180.00000000000003 pA).
	w, _ := strconv.ParseFloat(strconv.FormatFloat(p.Weight, 'g', 12, 64), 64)
	return units.Format(units.Quantity{Value: w, Dim: plan.Inputs[p.Input].Var.Dim})
}
