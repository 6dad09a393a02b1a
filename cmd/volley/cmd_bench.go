package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/kernel"
	"github.com/volleysim/volley/output"
)

// benchOptions are the flags of `volley bench`.
type benchOptions struct {
	repeat  int
	threads string
	peer    string
	peerDir string
	jsonOut string
}

// benchRecord is one model at one thread count: medians over the repeats.
type benchRecord struct {
	Model        string  `json:"model"`
	Threads      int     `json:"threads"`
	Workers      int     `json:"workers"` // what the engine used (engine.Workers): fewer for small or cheap networks
	Repeats      int     `json:"repeats"`
	BuildS       float64 `json:"build_s"`
	RunS         float64 `json:"run_s"`
	WallS        float64 `json:"wall_s"`
	PeakRSSMB    float64 `json:"peak_rss_mb"`
	Cells        int     `json:"cells"`
	Steps        int64   `json:"steps"`
	EventsPerS   float64 `json:"synaptic_events_per_s"`
	CellStepsPer float64 `json:"neuron_steps_per_s"`
	PeerRunS     float64 `json:"peer_run_s,omitempty"`
	PeerWallS    float64 `json:"peer_wall_s,omitempty"`
	Ratio        float64 `json:"run_ratio,omitempty"` // Volley run / peer run, median of pairs
	Vector       string  `json:"vectorization"`       // kernel.Vectorization of the binary
	// Speedup is the median over the repetitions of the model's run time
	// at 1 thread over its run time here in the same repetition, when 1 is
	// among the thread counts of the bench.
	Speedup float64 `json:"speedup,omitempty"`
	// SpeedupMin and SpeedupMax are the smallest and largest of those
	// same-repetition ratios: their spread shows the machine's noise.
	SpeedupMin float64 `json:"speedup_min,omitempty"`
	SpeedupMax float64 `json:"speedup_max,omitempty"`
	// ProbeBefore and ProbeAfter are probeSpeedup(Threads), measured just
	// before and just after the model's runs, for more than one thread:
	// how many of those cores the machine gave a compute loop at the time.
	ProbeBefore float64 `json:"probe_before,omitempty"`
	ProbeAfter  float64 `json:"probe_after,omitempty"`
	// RunsS and PeerRunsS are every repetition's run times, in the order
	// they ran, behind the medians: on a shared machine their spread tells
	// how far a median can be trusted.
	RunsS     []float64 `json:"runs_s"`
	PeerRunsS []float64 `json:"peer_runs_s,omitempty"`
}

// brianPeers maps examples to the Brian2 scripts of the peer folder: script,
// its arguments, the cpp_standalone directory it builds, and a file the
// script reads, named by an environment variable (see peerFile).
var brianPeers = map[string]struct {
	script        string
	args          []string
	dir           string
	fileVar, file string
}{
	"cuba":          {"s3_va_brian2.py", []string{"CUBA"}, "S3_CUBA_omp0", "", ""},
	"coba":          {"s3_va_brian2.py", []string{"COBA"}, "S3_COBA_omp0", "", ""},
	"coba_hh":       {"s0_cobahh.py", nil, "S0_COBAHH_omp0", "", ""},
	"tian2020":      {"s2_tian2020.py", nil, "S2_Tian2020_omp0", "", ""},
	"adex_net_seed": {"s1_adex.py", nil, "S1_AdExNet_omp0", "S1_SEED_CONN", "adex_net_seed_connectivity.npy"},
	"tsodyks2000":   {"s4_tsodyks.py", nil, "S4_TUM2000_omp0", "", ""},
}

// peerFile returns the path of a file a peer script reads: the reference
// folder's copy beside the peer folder (../refs, as in ../shared), or else
// the example's embedded copy written to the temporary directory, so that
// a copy of the peer scripts elsewhere compares the same network.
func peerFile(peerDir, name string) (string, error) {
	if p, err := filepath.Abs(filepath.Join(peerDir, "..", "refs", name)); err == nil {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	data, err := fs.ReadFile(examples.Files(), name)
	if err != nil {
		return "", fmt.Errorf("peer file %s: %w", name, err)
	}
	p := filepath.Join(os.TempDir(), "volley-peer-"+name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return "", fmt.Errorf("peer file: %w", err)
	}
	return p, nil
}

// runBench runs examples as separate processes and reports their timings,
// optionally side by side with Brian2's C++ standalone binaries.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o benchOptions
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.IntVar(&o.repeat, "repeat", 3, "runs per model and thread count (medians are reported)")
	fs.StringVar(&o.threads, "threads", fmt.Sprintf("1,%d", runtime.NumCPU()), "comma-separated thread counts")
	fs.StringVar(&o.peer, "peer", "", "compare with a peer simulator: brian2 (C++ standalone, 1 thread)")
	fs.StringVar(&o.peerDir, "peer-dir", "", "folder of the Brian2 peer scripts (default: ../shared/peers/brian2 if present)")
	fs.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: volley bench [MODEL...] [flags]\n\nRuns each model (default: every example) as a separate process and reports build, simulation\nand wall time, peak memory and throughput; with --peer brian2, also Brian2's C++ standalone\nsimulation time of the same network, alternating runs.\n\nflags:")
		fs.PrintDefaults()
	}
	models, err := parseInterspersed(fs, args, stderr)
	if err != nil {
		return err
	}
	if o.repeat < 1 {
		return usagef("--repeat %d: need at least 1", o.repeat)
	}
	var threads []int
	for _, f := range strings.Split(o.threads, ",") {
		t, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || t < 1 {
			return usagef("--threads %q: expected thread counts such as 1,2", o.threads)
		}
		threads = append(threads, t)
	}
	if len(models) == 0 {
		models = examples.Names()
	}
	if o.peer != "" && o.peer != "brian2" {
		return usagef("--peer %q: only brian2 is supported", o.peer)
	}
	if o.peer == "brian2" && o.peerDir == "" {
		o.peerDir = filepath.Join("..", "shared", "peers", "brian2")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "volley-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var records []benchRecord
	for _, m := range models {
		var peer *peerRunner
		if o.peer == "brian2" {
			if peer, err = newBrianPeer(ctx, m, o.peerDir, stderr); err != nil {
				fmt.Fprintf(stderr, "bench: %s: no Brian2 comparison: %v\n", m, err)
			}
		}
		recs, err := benchModel(ctx, self, m, threads, o.repeat, filepath.Join(tmp, m), peer)
		if err != nil {
			return fmt.Errorf("bench %s: %w", m, err)
		}
		for _, rec := range recs {
			fmt.Fprintf(stderr, "bench: %s, %d thread(s): run %.3f s, wall %.3f s\n", m, rec.Threads, rec.RunS, rec.WallS)
		}
		records = append(records, recs...)
	}
	printBench(stdout, records)
	if o.jsonOut != "" {
		data, _ := json.MarshalIndent(records, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// procResult is what one process run measured.
type procResult struct {
	wall   float64
	rssMB  float64
	sum    output.Summary
	peerRS float64 // the peer's own simulation time
}

// benchModel runs model m repeat times at each thread count, alternating
// the counts within each repetition (1, 2, 1, 2, …) so that a change in the
// machine's load falls on every count alike; each run is followed by a run
// of the peer, if any. A record's Speedup is the median over the
// repetitions of the 1-thread run time over its own in the same repetition.
func benchModel(ctx context.Context, self, m string, threads []int, repeat int, out string, peer *peerRunner) ([]benchRecord, error) {
	runs := make([][]procResult, len(threads))
	peerRuns := make([][]procResult, len(threads))
	ratios := make([][]float64, len(threads))
	probes := map[int]*[2]float64{} // [thread count > 1] before, after the runs
	for _, t := range threads {
		if t > 1 && probes[t] == nil {
			probes[t] = &[2]float64{probeSpeedup(t)}
		}
	}
	for range repeat {
		for i, t := range threads {
			r, err := runVolley(ctx, self, m, t, out)
			if err != nil {
				return nil, err
			}
			runs[i] = append(runs[i], r)
			if peer == nil {
				continue
			}
			p, err := peer.run(ctx)
			if err != nil {
				return nil, fmt.Errorf("brian2: %w", err)
			}
			peerRuns[i] = append(peerRuns[i], p)
			if p.peerRS > 0 {
				ratios[i] = append(ratios[i], r.sum.Timings.Run/p.peerRS)
			}
		}
	}
	for t, p := range probes {
		p[1] = probeSpeedup(t)
	}
	one := slices.Index(threads, 1)
	recs := make([]benchRecord, len(threads))
	for i, t := range threads {
		recs[i] = benchSummary(m, t, runs[i], peerRuns[i], ratios[i])
		if p := probes[t]; p != nil {
			recs[i].ProbeBefore, recs[i].ProbeAfter = p[0], p[1]
		}
		if one >= 0 {
			if xs := pairedRatios(runTimes(runs[one]), runTimes(runs[i])); len(xs) > 0 {
				recs[i].Speedup, recs[i].SpeedupMin, recs[i].SpeedupMax = median(xs), slices.Min(xs), slices.Max(xs)
			}
		}
	}
	return recs, nil
}

// runTimes returns the simulation times of runs.
func runTimes(runs []procResult) []float64 {
	xs := make([]float64, len(runs))
	for k, r := range runs {
		xs[k] = r.sum.Timings.Run
	}
	return xs
}

// pairedSpeedup returns the median of one[k]/these[k] over the pairs whose
// times are positive, 0 if none.
func pairedSpeedup(one, these []float64) float64 {
	return median(pairedRatios(one, these))
}

// pairedRatios returns one[k]/these[k] for the pairs whose times are
// positive.
func pairedRatios(one, these []float64) []float64 {
	var xs []float64
	for k := range min(len(one), len(these)) {
		if one[k] > 0 && these[k] > 0 {
			xs = append(xs, one[k]/these[k])
		}
	}
	return xs
}

// benchSummary is the record of model m at the given thread count: medians
// of its runs, of its peer's runs and of the ratios of the pairs.
func benchSummary(m string, threads int, runs, peerRuns []procResult, ratios []float64) benchRecord {
	med := func(f func(procResult) float64, rs []procResult) float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = f(r)
		}
		return median(xs)
	}
	s := runs[0].sum
	rec := benchRecord{Model: m, Threads: threads, Repeats: len(runs),
		BuildS:    med(func(r procResult) float64 { return r.sum.Timings.Build }, runs),
		RunS:      median(runTimes(runs)),
		WallS:     med(func(r procResult) float64 { return r.wall }, runs),
		PeakRSSMB: med(func(r procResult) float64 { return r.rssMB }, runs),
		Cells:     s.Cells, Steps: s.Steps, Workers: s.Threads, Vector: kernel.Vectorization(),
	}
	if rec.RunS > 0 {
		rec.EventsPerS = float64(s.Events) / rec.RunS
		rec.CellStepsPer = float64(s.Cells) * float64(s.Steps) / rec.RunS
	}
	rec.RunsS = runTimes(runs)
	if len(peerRuns) > 0 {
		rec.PeerRunsS = make([]float64, len(peerRuns))
		for k, r := range peerRuns {
			rec.PeerRunsS[k] = r.peerRS
		}
		rec.PeerRunS = median(rec.PeerRunsS)
		rec.PeerWallS = med(func(r procResult) float64 { return r.wall }, peerRuns)
		rec.Ratio = median(ratios)
	}
	return rec
}

// runVolley runs one simulation as a child process and reads its summary.
func runVolley(ctx context.Context, self, m string, threads int, out string) (procResult, error) {
	cmd := exec.CommandContext(ctx, self, "run", m, "--threads", strconv.Itoa(threads), "--out", out,
		"--no-plots", "--quiet", "--force")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	r, err := timed(cmd)
	if err != nil {
		return r, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		return r, err
	}
	return r, json.Unmarshal(data, &r.sum)
}

// timed runs cmd and measures its wall time and peak resident memory.
func timed(cmd *exec.Cmd) (procResult, error) {
	start := time.Now()
	err := cmd.Run()
	r := procResult{wall: time.Since(start).Seconds()}
	if cmd.ProcessState != nil {
		r.rssMB = peakRSSMB(cmd.ProcessState)
	}
	return r, err
}

// peerRunner reruns a Brian2 C++ standalone binary built once by its script.
type peerRunner struct {
	dir string // the standalone project, with its main binary
}

// newBrianPeer builds the model's Brian2 standalone binary if it is not built.
func newBrianPeer(ctx context.Context, m, peerDir string, stderr io.Writer) (*peerRunner, error) {
	p, ok := brianPeers[m]
	if !ok {
		return nil, fmt.Errorf("no Brian2 script for %q", m)
	}
	dir := filepath.Join(os.TempDir(), "brian_standalone", p.dir)
	if _, err := os.Stat(filepath.Join(dir, "main")); err == nil {
		return &peerRunner{dir: dir}, nil
	}
	script := filepath.Join(peerDir, p.script)
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("peer script: %w", err)
	}
	// the scripts write their run's statistics into runs/ beside them and
	// fail at the end, after the build, where it is missing
	if err := os.MkdirAll(filepath.Join(peerDir, "runs"), 0o755); err != nil {
		return nil, fmt.Errorf("the peer scripts write into their folder (runs/, figures); use a writable copy: %w", err)
	}
	fmt.Fprintf(stderr, "bench: building Brian2 standalone %s (once) ...\n", p.dir)
	cmd := exec.CommandContext(ctx, "/usr/bin/python3", append([]string{p.script}, append(p.args, "cpp_standalone")...)...)
	cmd.Dir = peerDir
	cmd.Env = os.Environ()
	if p.fileVar != "" {
		f, err := peerFile(peerDir, p.file)
		if err != nil {
			return nil, err
		}
		cmd.Env = append(cmd.Env, p.fileVar+"="+f)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return nil, fmt.Errorf("%v: %s", err, lines[len(lines)-1])
	}
	return &peerRunner{dir: dir}, nil
}

func (p *peerRunner) run(ctx context.Context) (procResult, error) {
	cmd := exec.CommandContext(ctx, "./main")
	cmd.Dir = p.dir
	r, err := timed(cmd)
	if err != nil {
		return r, err
	}
	data, err := os.ReadFile(filepath.Join(p.dir, "results", "last_run_info.txt"))
	if err != nil {
		return r, err
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return r, errors.New("empty last_run_info.txt")
	}
	r.peerRS, err = strconv.ParseFloat(f[0], 64)
	return r, err
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func printBench(w io.Writer, recs []benchRecord) {
	fmt.Fprintf(w, "vector instructions: %s\n", kernel.Vectorization())
	fmt.Fprintf(w, "%-14s %7s %7s %8s %8s %8s %9s %12s %14s %10s %8s %8s %11s %11s\n",
		"model", "threads", "workers", "build s", "run s", "wall s", "RSS MB", "events/s", "cell-steps/s", "brian2 s", "ratio",
		"speedup", "of pairs", "probe")
	for _, r := range recs {
		peer, ratio, speedup, spread, probe := "-", "-", "-", "-", "-"
		if r.PeerRunS > 0 {
			peer, ratio = fmt.Sprintf("%.3f", r.PeerRunS), fmt.Sprintf("%.2f", r.Ratio)
		}
		if r.Speedup > 0 {
			speedup = fmt.Sprintf("%.2f", r.Speedup)
		}
		if r.SpeedupMin > 0 && r.Threads > 1 {
			spread = fmt.Sprintf("%.2f–%.2f", r.SpeedupMin, r.SpeedupMax)
		}
		if r.ProbeBefore > 0 {
			probe = fmt.Sprintf("%.2f/%.2f", r.ProbeBefore, r.ProbeAfter)
		}
		fmt.Fprintf(w, "%-14s %7d %7d %8.3f %8.3f %8.3f %9.1f %12.3g %14.3g %10s %8s %8s %11s %11s\n",
			r.Model, r.Threads, r.Workers, r.BuildS, r.RunS, r.WallS, r.PeakRSSMB, r.EventsPerS, r.CellStepsPer, peer, ratio,
			speedup, spread, probe)
	}
	if slices.ContainsFunc(recs, func(r benchRecord) bool { return r.ProbeBefore > 0 }) {
		fmt.Fprintln(w, "speedup: run time at 1 thread / run time here, median over the repetitions (of pairs: the smallest\n"+
			"and largest); probe: how many cores a compute loop got just before/after these runs (= threads\n"+
			"on free cores; less when the machine's cores are shared)")
	}
}
