package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"time"

	"github.com/volleysim/volley/checkpoint"
)

// runResume continues a run from the checkpoint in its output directory to
// the model's full duration.
func runResume(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := flag.NewFlagSet("resume", flag.ContinueOnError)
	fs.IntVar(&o.threads, "threads", runtime.NumCPU(), "worker threads; results do not depend on it")
	fs.BoolVar(&o.noPlots, "no-plots", false, "do not draw PNG figures")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing but errors")
	fs.StringVar(&o.stopAfter, "stop-after", "", "stop again after this simulated time (from the start of the run)")
	fs.StringVar(&o.checkpointEvery, "checkpoint-every", "", "write a checkpoint every so much simulated time")
	fs.BoolVar(&o.keepCheckpoint, "keep-checkpoint", false, "write a checkpoint at the end of the run too, to extend it again")
	var duration string
	fs.StringVar(&duration, "duration", "", "extend the run to this simulated time with its unit (Brian2's second run()); default: the model's")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: volley resume DIR [flags]\n\nContinues the run whose outputs and checkpoint are in DIR to the model's full duration,\nor to --duration (a run completed with --keep-checkpoint can be extended so);\nthe outputs are bit for bit those of an uninterrupted run, whatever the thread counts.\n\nflags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: volley resume DIR")
	}
	if o.threads < 1 {
		return usagef("--threads %d: need at least 1", o.threads)
	}
	t0 := time.Now()
	dir := pos[0]
	c, err := checkpoint.Load(filepath.Join(dir, "checkpoint"))
	if err != nil {
		return err
	}
	src, err := decodeSource(c.ModelFile, c.Example, c.ModelText)
	if err != nil {
		return fmt.Errorf("checkpoint model: %w", err)
	}
	if c.Example == "" {
		src.files = nil // files next to the model file, as when it first ran
	}
	o.out, o.seed, o.dt, o.duration, o.sets = dir, c.Seed, c.DT, c.Duration, c.Sets
	if duration != "" {
		o.duration = duration
	}
	sess := &session{runOptions: o, src: src, stdout: stdout, stderr: stderr, traceSamples: c.TraceSamples, spikes: c.Spikes}
	if err := sess.build(t0); err != nil {
		return err
	}
	if c.State.Step > sess.plan.Steps {
		return usagef("--duration %s: the run has already reached t = %g s", duration, float64(c.State.Step)*sess.plan.DT)
	}
	return sess.simulate(ctx, c.State)
}
