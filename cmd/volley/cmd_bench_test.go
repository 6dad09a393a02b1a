package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/volleysim/volley/examples"
)

func TestMedian(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}}
	for _, tc := range cases {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %g, want %g", tc.in, got, tc.want)
		}
	}
}

func TestPrintBench(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	printBench(&b, []benchRecord{{Model: "coba", Threads: 2, Workers: 2, RunS: 0.25, PeerRunS: 0.3, Ratio: 0.83,
		Speedup: 1.64, SpeedupMin: 1.07, SpeedupMax: 1.71, ProbeBefore: 1.97, ProbeAfter: 1.52},
		{Model: "cuba", Threads: 2, Workers: 1, RunS: 0.1}})
	out := b.String()
	for _, want := range []string{"model", "workers", "coba", "0.250", "0.300", "0.83", "cuba", "1.64", "1.07–1.71", "1.97/1.52"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// The workers column shows what the engine used next to the threads asked.
func TestPrintBenchWorkers(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	printBench(&b, []benchRecord{{Model: "cuba", Threads: 2, Workers: 1, RunS: 0.1}})
	for _, line := range strings.Split(b.String(), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "cuba" {
			if f[1] != "2" || f[2] != "1" {
				t.Errorf("threads, workers = %s, %s; want 2, 1", f[1], f[2])
			}
			return
		}
	}
	t.Errorf("no cuba row:\n%s", b.String())
}

func TestBenchUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"bench", "--repeat", "0"}, {"bench", "--threads", "x"}, {"bench", "--peer", "nest"}} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("volley %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// A speedup is the median of the ratios of runs taken in the same
// repetition (1.5, 3, 1 here: 1.5), not the ratio of the medians (0.5/0.3).
func TestPairedSpeedup(t *testing.T) {
	t.Parallel()
	one := []float64{0.3, 0.9, 0.5}
	two := []float64{0.2, 0.3, 0.5}
	if got := pairedSpeedup(one, two); math.Abs(got-1.5) > 1e-12 {
		t.Errorf("pairedSpeedup = %g, want 1.5", got)
	}
	if got := pairedSpeedup([]float64{0.3, 0}, []float64{0.1, 0.2}); math.Abs(got-3) > 1e-12 {
		t.Errorf("pairedSpeedup with a zero time = %g, want 3 (the zero's pair skipped)", got)
	}
	if got := pairedSpeedup(nil, nil); got != 0 {
		t.Errorf("pairedSpeedup of no runs = %g, want 0", got)
	}
	// the ratios behind the median, whose extremes the table shows
	if got := pairedRatios(one, two); len(got) != 3 || slices.Min(got) != 1 || math.Abs(slices.Max(got)-3) > 1e-12 {
		t.Errorf("pairedRatios = %v, want 1.5, 3 and 1", got)
	}
}

// The probe does its work: probeRounds sums of exp at the 1024 points
// −1 + i/1024, each 1024·(1 − e^−1) (the integral over [−1, 0)) less about
// 1/2048 of it, the left Riemann sum's error.
func TestProbeWork(t *testing.T) {
	t.Parallel()
	want := probeRounds * 1024 * (1 - math.Exp(-1))
	if got := probeWork(); math.Abs(got-want) > 1e-3*want {
		t.Errorf("probeWork() = %g, want %g within 0.1%%", got, want)
	}
	if got := probeSpeedup(1); got != 1 {
		t.Errorf("probeSpeedup(1) = %g, want 1", got)
	}
}

// A bench record keeps every repetition's run time, its own and its
// peer's, in order, beside their medians.
func TestBenchSummaryRuns(t *testing.T) {
	t.Parallel()
	run := func(s, peer float64) procResult {
		r := procResult{peerRS: peer}
		r.sum.Timings.Run = s
		return r
	}
	runs := []procResult{run(0.3, 0), run(0.1, 0), run(0.2, 0)}
	peers := []procResult{run(0, 0.9), run(0, 0.5), run(0, 0.7)}
	rec := benchSummary("m", 2, runs, peers, []float64{1.0 / 3, 0.2, 2.0 / 7})
	if !slices.Equal(rec.RunsS, []float64{0.3, 0.1, 0.2}) || rec.RunS != 0.2 {
		t.Errorf("runs %v (median %g), want [0.3 0.1 0.2] (0.2)", rec.RunsS, rec.RunS)
	}
	if !slices.Equal(rec.PeerRunsS, []float64{0.9, 0.5, 0.7}) || rec.PeerRunS != 0.7 {
		t.Errorf("peer runs %v (median %g), want [0.9 0.5 0.7] (0.7)", rec.PeerRunsS, rec.PeerRunS)
	}
	if rec, err := json.Marshal(benchSummary("m", 1, runs, nil, nil)); err != nil || !strings.Contains(string(rec), `"runs_s":[0.3,0.1,0.2]`) || strings.Contains(string(rec), "peer_runs_s") {
		t.Errorf("JSON without a peer: %s (%v)", rec, err)
	}
}

// A peer script's file comes from the reference folder beside the peer
// folder when there is one, and otherwise from the example's embedded copy,
// the same bytes.
func TestPeerFile(t *testing.T) {
	t.Parallel()
	const name = "adex_net_seed_connectivity.npy"
	want, err := fs.ReadFile(examples.Files(), name)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	peers := filepath.Join(root, "peers")
	if err := os.MkdirAll(peers, 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := peerFile(peers, name)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("without ../refs: %s holds %d bytes (%v), want the embedded %d", p, len(got), err, len(want))
	}
	refs := filepath.Join(root, "refs")
	if err := os.MkdirAll(refs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(refs, name), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err = peerFile(peers, name); err != nil || p != filepath.Join(refs, name) {
		t.Fatalf("with ../refs: %s (%v), want %s", p, err, filepath.Join(refs, name))
	}
}
