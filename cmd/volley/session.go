package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"time"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/checkpoint"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/output"
	"github.com/volleysim/volley/units"
)

// session is one simulation from the command line: a model, its network and
// plan, the output directory, and how to stop and checkpoint.
type session struct {
	runOptions
	src    *source
	dir    string
	stdout io.Writer
	stderr io.Writer

	net     *build.Network
	plan    *build.Plan
	tBuild  time.Duration
	workers int

	streaming    bool                 // monitors stream to files in the output directory
	spills       []*output.TraceSpill // state monitors' files
	spikeSpill   *output.SpikeSpill   // recorded spikes' file
	traceSamples []int64              // samples in the files at the checkpoint resumed from (nil: not streamed)
	spikes       int64                // spikes in the file at that checkpoint
}

// streamTraceBytes is the size of recorded samples above which state
// monitors stream to files instead of memory.
const streamTraceBytes = 64 << 20

// openSpills decides whether the monitors stream to files and opens the
// files: always when resuming a run that streamed or with --stream, else
// when the samples of the whole run would take more than streamTraceBytes or
// its spikes might (every recorded cell at 50 Hz).
func (s *session) openSpills() error {
	var total, cells int64
	for _, m := range s.plan.Monitors {
		every := max(1, m.Every)
		total += int64(len(m.Vars)*len(m.Indices)) * 8 * ((s.plan.Steps + every - 1) / every)
	}
	for _, v := range s.plan.Spikes {
		cells += int64(s.plan.Views[v].N)
	}
	spikeBytes := float64(cells) * 50 * float64(s.plan.Steps) * s.plan.DT * 12
	if s.traceSamples == nil && total <= streamTraceBytes && spikeBytes <= streamTraceBytes && !s.stream {
		return nil
	}
	s.streaming = true
	var err error
	if s.traceSamples != nil {
		s.spikeSpill, err = output.OpenSpikeSpill(s.dir, s.spikes)
	} else {
		s.spikeSpill, err = output.CreateSpikeSpill(s.dir)
	}
	if err != nil {
		return err
	}
	for i, m := range s.plan.Monitors {
		var sp *output.TraceSpill
		var err error
		if s.traceSamples != nil {
			sp, err = output.OpenTraceSpill(s.dir, m.Name, len(m.Vars), len(m.Indices), s.traceSamples[i])
		} else {
			sp, err = output.CreateTraceSpill(s.dir, m.Name, len(m.Vars), len(m.Indices))
		}
		if err != nil {
			return err
		}
		s.spills = append(s.spills, sp)
	}
	return nil
}

func (s *session) closeSpills(remove bool) {
	for i, sp := range s.spills {
		sp.Close()
		if remove {
			output.RemoveTraceSpill(s.dir, s.plan.Monitors[i].Name)
		}
	}
	if s.spikeSpill != nil {
		s.spikeSpill.Close()
		if remove {
			output.RemoveSpikeSpill(s.dir)
		}
	}
}

// sink hands streamed samples to the monitor's file.
func (s *session) sink(m int, first int64, data [][][]float64) error {
	return s.spills[m].Write(first, data)
}

func (s *session) say(format string, a ...any) {
	if !s.quiet {
		fmt.Fprintf(s.stdout, format, a...)
	}
}

// build applies the command-line changes, resolves and compiles the model.
func (s *session) build(t0 time.Time) error {
	s.dir = s.out
	if err := s.overrides.apply(s.src.m); err != nil {
		return err
	}
	net, err := build.ResolveFS(s.src.m, s.src.files)
	if err != nil {
		return err
	}
	if err := output.CheckMemory(net.Memory()); err != nil {
		return err
	}
	plan, err := net.Compile(s.threads)
	if err != nil {
		return err
	}
	for _, w := range net.Warnings { // compiling adds warnings about drawn values
		fmt.Fprintf(s.stderr, "warning: %s\n", w)
	}
	s.net, s.plan, s.tBuild = net, plan, time.Since(t0)
	s.workers = engine.Workers(plan, s.threads)
	if procs := runtime.GOMAXPROCS(0); s.workers > procs {
		// the workers meet at a barrier every few steps, and those without
		// a processor of their own keep the others waiting
		fmt.Fprintf(s.stderr, "warning: %d workers share %d processors and will wait for each other; --threads %d is faster\n",
			s.workers, procs, procs)
	}
	return nil
}

// steps converts a command-line time to a step count of the plan.
func (s *session) steps(flag, text string) (int64, error) {
	if text == "" {
		return 0, nil
	}
	q, err := units.Parse(text)
	if err != nil || q.Dim != units.Second || q.Value <= 0 {
		return 0, usagef("--%s %q: expected a positive time such as \"500 ms\"", flag, text)
	}
	return int64(math.Round(q.Value / s.plan.DT)), nil
}

// simulate runs the plan from the start or from a snapshot, writing
// checkpoints when asked and on interruption, and writes the outputs.
func (s *session) simulate(ctx context.Context, from *engine.Snapshot) error {
	plan := s.plan
	stop, err := s.steps("stop-after", s.stopAfter)
	if err != nil {
		return err
	}
	every, err := s.steps("checkpoint-every", s.checkpointEvery)
	if err != nil {
		return err
	}
	start := int64(0)
	if from != nil {
		start = from.Step
	}
	end := plan.Steps
	if stop > 0 {
		end = min(end, stop)
	}
	s.say("%s: %d cells, %d synapses, %d steps of %g ms, %d thread(s); built in %.3f s\n",
		plan.Name, cellCount(plan), synapseCount(plan), plan.Steps, plan.DT*1e3, s.workers, s.tBuild.Seconds())
	if start > 0 {
		s.say("%s: resuming at t = %g s\n", plan.Name, float64(start)*plan.DT)
	}
	// The garbage of the network's build is collected before the time
	// loop: a collection that the build set off would otherwise run into
	// the loop, where its stop-the-world pauses halt every worker and its
	// mark worker takes a processor (cuba at --threads 2, one worker: 0.90
	// and 0.91 as long with this collection first, 21 alternating pairs of
	// runs each; coba over 1 s and tian2020 over 100 ms then ran no
	// collection within the loop, GODEBUG=gctrace=1). It takes 0.35–1 ms,
	// outside the run's time.
	runtime.GC()
	t1 := time.Now()
	var prog *progress
	if !s.quiet {
		prog = newProgress(s.stderr, plan.Steps)
	}
	if err := s.openSpills(); err != nil {
		return err
	}
	opts := engine.Options{Threads: s.threads, Progress: prog.update, KeepState: s.keepCheckpoint}
	if s.streaming {
		opts.Sink = s.sink
		opts.SpikeSink = s.spikeSpill.Write
	}
	var res *engine.Result
	var runErr error
	for {
		until := end
		if every > 0 {
			until = min(end, (start/every+1)*every)
		}
		opts.From, opts.Until = from, until
		res, runErr = engine.Run(ctx, plan, opts)
		if res == nil {
			return runErr
		}
		from, start = res.State, res.Completed
		if runErr != nil || start >= end {
			break
		}
		if err := s.checkpoint(res.State); err != nil {
			return err
		}
	}
	prog.done()
	tRun := time.Since(t1)
	interrupted := errors.Is(runErr, context.Canceled)
	if interrupted || (runErr == nil && (start < plan.Steps || s.keepCheckpoint)) {
		if err := s.checkpoint(res.State); err != nil {
			return err
		}
	} else if runErr == nil {
		if err := checkpoint.Remove(filepath.Join(s.dir, "checkpoint")); err != nil {
			return err
		}
	}

	t2 := time.Now()
	sum := summarize(s.net, plan, res, s.workers)
	if runErr != nil {
		sum.Error = runErr.Error()
	}
	if err := writeOutputs(s.dir, plan, &s.net.Outputs, res, sum, !s.noPlots, s.spills, s.spikeSpill); err != nil {
		return err
	}
	s.closeSpills(runErr == nil && start >= plan.Steps)
	sum.Timings = output.Timings{Build: s.tBuild.Seconds(), Run: tRun.Seconds(), Write: time.Since(t2).Seconds()}
	if err := output.WriteSummary(s.dir, sum); err != nil {
		return err
	}
	if !s.quiet {
		report(s.stdout, sum, cellCount(plan), s.dir)
	}
	switch {
	case interrupted:
		fmt.Fprintf(s.stderr, "volley: interrupted at t = %g s; outputs so far and a checkpoint are in %s (continue with: volley resume %s)\n",
			sum.Completed, s.dir, s.dir)
		return runErr
	case runErr != nil:
		var ne *engine.NumericalError
		if errors.As(runErr, &ne) {
			return fmt.Errorf("%w (outputs up to t = %g s written to %s)", runErr, sum.Completed, s.dir)
		}
		return runErr
	case start < plan.Steps:
		s.say("stopped at t = %g s; continue with: volley resume %s\n", sum.Completed, s.dir)
	}
	return nil
}

// checkpoint writes DIR/checkpoint.
func (s *session) checkpoint(state *engine.Snapshot) error {
	if err := output.PrepareDir(s.dir); err != nil {
		return err
	}
	return checkpoint.Save(filepath.Join(s.dir, "checkpoint"), &checkpoint.Checkpoint{
		ModelFile: s.src.file, Example: s.src.example, ModelText: s.src.text,
		Seed: s.seed, DT: s.dt, Duration: s.duration, Sets: s.sets, State: state, TraceSamples: s.spillSamples(),
		Spikes: s.spikeCount(),
	})
}

// spikeCount is the number of spikes in the spike file; 0 when not streaming.
func (s *session) spikeCount() int64 {
	if s.spikeSpill == nil {
		return 0
	}
	return s.spikeSpill.Spikes()
}

// spillSamples lists the samples in each spill file; nil when not streaming.
func (s *session) spillSamples() []int64 {
	if !s.streaming {
		return nil
	}
	out := make([]int64, len(s.spills))
	for i, sp := range s.spills {
		out[i] = sp.Samples()
	}
	return out
}
