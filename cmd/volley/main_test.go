package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/volleysim/volley/npy"
	"github.com/volleysim/volley/output"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestRunWritesOutputs runs a shortened CUBA end to end and checks the
// output contract of design §6.
func TestRunWritesOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "run", "cuba", "--out", dir, "--duration", "100 ms", "--threads", "2", "--seed", "7")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, want := range []string{"Number of cells", "4000", "Synapses e2e", "Rate exc", "Build time", "Simulation time", "Writing time"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s output.Summary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Model != "cuba" || s.Seed != 7 || s.DT != 1e-4 || s.Duration < 0.0999 || s.Duration > 0.1001 || !s.Complete {
		t.Errorf("summary header %+v", s)
	}
	if len(s.Groups) != 3 || len(s.Projections) != 4 {
		t.Errorf("%d groups and %d projections in summary, want 3 and 4", len(s.Groups), len(s.Projections))
	}
	for _, g := range s.Groups {
		if g.Name == "exc" && (g.Size != 3200 || g.Spikes == 0) {
			t.Errorf("exc group %+v", g)
		}
	}
	if s.Timings.Run <= 0 {
		t.Errorf("timings %+v", s.Timings)
	}
	checkNPZ(t, filepath.Join(dir, "spikes.npz"), "exc_t.npy", "exc_i.npy", "inh_t.npy", "inh_i.npy")
	checkNPZ(t, filepath.Join(dir, "v.npz"), "t.npy", "index.npy", "v.npy")
	for _, png := range []string{"raster.png", "v_v.png"} {
		if st, err := os.Stat(filepath.Join(dir, png)); err != nil || st.Size() == 0 {
			t.Errorf("figure %s: %v", png, err)
		}
	}
}

func checkNPZ(t *testing.T, path string, names ...string) {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	have := map[string]bool{}
	for _, f := range r.File {
		have[f.Name] = true
	}
	for _, n := range names {
		if !have[n] {
			t.Errorf("%s has no %s (has %v)", path, n, have)
		}
	}
}

func TestExamplesCommand(t *testing.T) {
	t.Parallel()
	code, out, _ := runCLI(t, "examples")
	if code != exitOK || !strings.Contains(out, "coba") || !strings.Contains(out, "cuba") {
		t.Errorf("examples: exit %d, output %q", code, out)
	}
	code, out, _ = runCLI(t, "examples", "show", "coba")
	if code != exitOK || !strings.Contains(out, `model = "IF_cond_exp"`) {
		t.Errorf("examples show coba: exit %d, output %q", code, out)
	}
	if code, _, errs := runCLI(t, "examples", "show", "nope"); code != exitUsage || !strings.Contains(errs, "coba") {
		t.Errorf("examples show nope: exit %d, stderr %q", code, errs)
	}
}

func TestCheckCommand(t *testing.T) {
	t.Parallel()
	code, out, errs := runCLI(t, "check", "../../examples/coba.toml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"cells", "4000 cells", "exc", "3200 cells", "expected synapses: 320", "memory estimate"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

// Command-line and model errors give their message and exit code, never a panic.
func TestCommandErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("name = \"x\"\nbogus = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, exitUsage, "usage"},
		{[]string{"fly"}, exitUsage, "unknown command"},
		{[]string{"run", "nosuchmodel"}, exitUsage, "examples: "},
		{[]string{"run", filepath.Join(dir, "missing.toml")}, exitError, "missing.toml"},
		{[]string{"run", "cuba", "--threads", "0"}, exitUsage, "--threads"},
		{[]string{"run", "cuba", "--duration", "1 V"}, exitError, "--duration"},
		{[]string{"run", "cuba", "--set", "nonexistent=3"}, exitUsage, "nonexistent"},
		{[]string{"run", "cuba", "--seed", "-1"}, exitUsage, "--seed"},
		{[]string{"run", "cuba", "--bogus"}, exitUsage, "bogus"},
		{[]string{"check", bad}, exitError, "bad.toml:2"},
		{[]string{"check"}, exitUsage, "usage"},
	}
	for _, tc := range cases {
		code, _, errs := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("volley %v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
}

// --set overrides a constant: doubling the inhibitory weight of CUBA changes
// the synaptic weight the report prints.
func TestSetOverride(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errs := runCLI(t, "run", "cuba", "--out", dir, "--duration", "1 ms", "--set", "Ginh=9 nS", "--no-plots")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "weight -180 pA") {
		t.Errorf("report does not show the doubled inhibitory weight (-180 pA):\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "raster.png")); err == nil {
		t.Error("--no-plots wrote raster.png")
	}
}

// A directory with earlier results is not overwritten without --force.
func TestOutputDirSafety(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := []string{"run", "cuba", "--out", dir, "--duration", "1 ms", "--no-plots", "--quiet"}
	if code, _, errs := runCLI(t, args...); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, args...); code != exitError || !strings.Contains(errs, "--force") {
		t.Errorf("second run: exit %d, stderr %q; want a refusal that mentions --force", code, errs)
	}
	if code, _, errs := runCLI(t, append(args, "--force")...); code != exitOK {
		t.Errorf("with --force: exit %d: %s", code, errs)
	}
}

// TestMain lets the tests run this test binary as the volley command.
func TestMain(m *testing.M) {
	if os.Getenv("VOLLEY_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// readZip returns the contents of every entry of an npz file.
func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := map[string][]byte{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

func sameNPZ(t *testing.T, a, b string) {
	t.Helper()
	x, y := readZip(t, a), readZip(t, b)
	if len(x) != len(y) {
		t.Fatalf("%s and %s hold %d and %d arrays", a, b, len(x), len(y))
	}
	for k, v := range x {
		if !bytes.Equal(v, y[k]) {
			t.Fatalf("%s differs between %s and %s", k, a, b)
		}
	}
}

// Stop with --stop-after, resume with another thread count: the outputs are
// those of the uninterrupted run, byte for byte (issue 6).
func TestStopAndResumeCommand(t *testing.T) {
	t.Parallel()
	full, split := t.TempDir(), filepath.Join(t.TempDir(), "split")
	common := []string{"--duration", "150 ms", "--no-plots", "--quiet"}
	if code, _, errs := runCLI(t, append([]string{"run", "coba", "--out", full, "--threads", "2"}, common...)...); code != exitOK {
		t.Fatalf("full run: %s", errs)
	}
	args := append([]string{"run", "coba", "--out", split, "--threads", "1", "--stop-after", "62.3 ms", "--checkpoint-every", "20 ms"}, common...)
	if code, _, errs := runCLI(t, args...); code != exitOK {
		t.Fatalf("stopped run: %s", errs)
	}
	var s output.Summary
	data, _ := os.ReadFile(filepath.Join(split, "summary.json"))
	if err := json.Unmarshal(data, &s); err != nil || s.Complete || math.Abs(s.Completed-0.0623) > 1e-9 {
		t.Fatalf("summary after --stop-after: complete %v at %g s (%v)", s.Complete, s.Completed, err)
	}
	if code, _, errs := runCLI(t, "resume", split, "--threads", "2", "--no-plots", "--quiet"); code != exitOK {
		t.Fatalf("resume: %s", errs)
	}
	sameNPZ(t, filepath.Join(full, "spikes.npz"), filepath.Join(split, "spikes.npz"))
	sameNPZ(t, filepath.Join(full, "v.npz"), filepath.Join(split, "v.npz"))
	if _, err := os.Stat(filepath.Join(split, "checkpoint")); !os.IsNotExist(err) {
		t.Errorf("checkpoint left after the run completed: %v", err)
	}
	if code, _, errs := runCLI(t, "resume", split); code != exitError || !strings.Contains(errs, "no checkpoint") {
		t.Errorf("resume of a finished run: exit %d, %q", code, errs)
	}
}

// A run completed with --keep-checkpoint and extended with resume --duration
// (Brian2's second run() call) gives the outputs of one run of the whole
// duration, byte for byte: spikes, rate bins, synapse means (tsodyks2000,
// with equation-defined synapses, a burn-in and monitors of each kind).
func TestExtendRunCommand(t *testing.T) {
	t.Parallel()
	full, split := t.TempDir(), filepath.Join(t.TempDir(), "split")
	common := []string{"--no-plots", "--quiet"}
	if code, _, errs := runCLI(t, append([]string{"run", "tsodyks2000", "--out", full, "--duration", "1500 ms", "--threads", "2"}, common...)...); code != exitOK {
		t.Fatalf("full run: %s", errs)
	}
	if code, _, errs := runCLI(t, append([]string{"run", "tsodyks2000", "--out", split, "--duration", "1000 ms", "--threads", "1", "--keep-checkpoint"}, common...)...); code != exitOK {
		t.Fatalf("first run: %s", errs)
	}
	if code, _, errs := runCLI(t, "resume", split, "--duration", "0.95 s", "--quiet"); code == exitOK || !strings.Contains(errs, "already") {
		t.Errorf("shortening a run: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, append([]string{"resume", split, "--duration", "1.5 s", "--threads", "2"}, common...)...); code != exitOK {
		t.Fatalf("extension: %s", errs)
	}
	for _, f := range []string{"spikes.npz", "exc.npz", "inh.npz", "x_ee.npz"} {
		sameNPZ(t, filepath.Join(full, f), filepath.Join(split, f))
	}
	var s output.Summary
	data, _ := os.ReadFile(filepath.Join(split, "summary.json"))
	if err := json.Unmarshal(data, &s); err != nil || !s.Complete || math.Abs(s.Duration-1.5) > 1e-9 {
		t.Errorf("summary after the extension: complete %v, duration %g s (%v)", s.Complete, s.Duration, err)
	}
	// state monitors: coba records v
	full, split = t.TempDir(), filepath.Join(t.TempDir(), "split")
	if code, _, errs := runCLI(t, append([]string{"run", "coba", "--out", full, "--duration", "120 ms"}, common...)...); code != exitOK {
		t.Fatalf("full run: %s", errs)
	}
	if code, _, errs := runCLI(t, append([]string{"run", "coba", "--out", split, "--duration", "70 ms", "--keep-checkpoint"}, common...)...); code != exitOK {
		t.Fatalf("first run: %s", errs)
	}
	if code, _, errs := runCLI(t, append([]string{"resume", split, "--duration", "120 ms"}, common...)...); code != exitOK {
		t.Fatalf("extension: %s", errs)
	}
	sameNPZ(t, filepath.Join(full, "spikes.npz"), filepath.Join(split, "spikes.npz"))
	sameNPZ(t, filepath.Join(full, "v.npz"), filepath.Join(split, "v.npz"))
}

// outputs.synapses writes every synapse of the named projections at the end
// of the run: the rows of a connection list in the list's order, with their
// weights and delays, and the final variables of equation-defined synapses
// (w grows by 1 nS at each of the two presynaptic spikes).
func TestSynapsesOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	model := filepath.Join(dir, "syn.toml")
	src := `
[run]
dt = "0.1 ms"
duration = "10 ms"

[groups.stim]
size = 2
model = "SpikeSourceArray"
spike_times = [["1 ms", "3 ms"], []]

[groups.cell]
size = 3
model = "IF_cond_exp"

[projections.static]
pre = "stim"
post = "cell"
connector = { rule = "from_list", list = [[1, 2, 0.004, 1.5], [0, 1, 0.002, 2.0], [0, 0, 0.001, 0.5]] }

[projections.plastic]
pre = "stim"
post = "cell"
connector = { rule = "from_list", list = [[1, 0, 0.003, 1.0], [0, 2, 0.001, 1.0]] }
equations = "w : siemens"
on_pre = """
gsyn_exc_post += w
w += 1*nS
"""

[outputs]
synapses = ["static", "plastic"]
`
	if err := os.WriteFile(model, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, errs := runCLI(t, "run", model, "--out", out, "--quiet", "--no-plots"); code != exitOK {
		t.Fatalf("run: %s", errs)
	}
	read := func(proj string) map[string][]float64 {
		arrays, err := npy.ReadNPZFile(filepath.Join(out, "synapses_"+proj+".npz"))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][]float64{}
		for _, a := range arrays {
			x, err := a.Float64s()
			if err != nil {
				t.Fatal(err)
			}
			m[a.Name] = x
		}
		return m
	}
	st := read("static")
	want := map[string][]float64{"i": {1, 0, 0}, "j": {2, 1, 0}, "weight": {4e-9, 2e-9, 1e-9}, "delay": {1.5e-3, 2e-3, 0.5e-3}}
	for k, w := range want {
		for r := range w {
			if math.Abs(st[k][r]-w[r]) > 1e-15 {
				t.Errorf("static %s = %v, want %v (the list's order)", k, st[k], w)
				break
			}
		}
	}
	pl := read("plastic")
	// stim 0 fires twice (synapse 0 -> 2), stim 1 never (synapse 1 -> 0)
	if !slices.Equal(pl["i"], []float64{1, 0}) || math.Abs(pl["w"][0]-3e-9) > 1e-18 || math.Abs(pl["w"][1]-3e-9) > 1e-18 {
		t.Errorf("plastic: i %v, w %v; want i [1 0], w [3 nS (unchanged), 1 + 2 nS]", pl["i"], pl["w"])
	}
}

// SIGINT during a run: the step completes, outputs so far and a checkpoint
// are written, the exit code says interrupted, and resume finishes the run.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	dir := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(os.Args[0], "run", "coba", "--out", dir, "--duration", "200 s", "--no-plots", "--threads", "1")
	cmd.Env = append(os.Environ(), "VOLLEY_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d; stderr:\n%s", err, exitInterrupted, stderr.String())
	}
	var s output.Summary
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil || s.Complete || s.Completed <= 0 || s.Completed >= 200 {
		t.Fatalf("summary: complete %v at %g s (%v)", s.Complete, s.Completed, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "checkpoint", "state.gob")); err != nil {
		t.Fatalf("no checkpoint: %v", err)
	}
	if !strings.Contains(stderr.String(), "volley resume") {
		t.Errorf("stderr does not say how to resume:\n%s", stderr.String())
	}
}

// Streamed state monitors give the same outputs as monitors kept in memory,
// also when the run is stopped and resumed (issue 6).
func TestStreamedMonitorsCommand(t *testing.T) {
	t.Parallel()
	mem, streamed := t.TempDir(), filepath.Join(t.TempDir(), "s")
	common := []string{"--duration", "120 ms", "--no-plots", "--quiet"}
	if code, _, errs := runCLI(t, append([]string{"run", "coba", "--out", mem}, common...)...); code != exitOK {
		t.Fatalf("in memory: %s", errs)
	}
	args := append([]string{"run", "coba", "--out", streamed, "--stream", "--stop-after", "50 ms"}, common...)
	if code, _, errs := runCLI(t, args...); code != exitOK {
		t.Fatalf("streamed, stopped: %s", errs)
	}
	if code, _, errs := runCLI(t, "resume", streamed, "--threads", "1", "--no-plots", "--quiet"); code != exitOK {
		t.Fatalf("resume: %s", errs)
	}
	sameNPZ(t, filepath.Join(mem, "v.npz"), filepath.Join(streamed, "v.npz"))
	sameNPZ(t, filepath.Join(mem, "spikes.npz"), filepath.Join(streamed, "spikes.npz"))
	if _, err := os.Stat(filepath.Join(streamed, ".v.trace")); !os.IsNotExist(err) {
		t.Errorf("spill file left after the run completed: %v", err)
	}
}

// With a burn-in (record_from), streamed monitors still give the outputs of
// monitors kept in memory, across a stop and resume.
func TestStreamedBurnInCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b bytes.Buffer
	if code := run(context.Background(), []string{"examples", "show", "coba"}, &b, io.Discard); code != exitOK {
		t.Fatal("examples show coba")
	}
	model := strings.Replace(b.String(), "seed = 98765", "seed = 98765\nrecord_from = \"50 ms\"", 1)
	file := filepath.Join(dir, "burn.toml")
	if err := os.WriteFile(file, []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	mem, streamed := filepath.Join(dir, "mem"), filepath.Join(dir, "str")
	common := []string{"--duration", "150 ms", "--no-plots", "--quiet"}
	if code, _, errs := runCLI(t, append([]string{"run", file, "--out", mem}, common...)...); code != exitOK {
		t.Fatalf("in memory: %s", errs)
	}
	if code, _, errs := runCLI(t, append([]string{"run", file, "--out", streamed, "--stream", "--stop-after", "80 ms"}, common...)...); code != exitOK {
		t.Fatalf("streamed: %s", errs)
	}
	if code, _, errs := runCLI(t, "resume", streamed, "--no-plots", "--quiet"); code != exitOK {
		t.Fatalf("resume: %s", errs)
	}
	sameNPZ(t, filepath.Join(mem, "v.npz"), filepath.Join(streamed, "v.npz"))
	sameNPZ(t, filepath.Join(mem, "spikes.npz"), filepath.Join(streamed, "spikes.npz"))
}

// More workers than processors are named in a warning, with the thread
// count that would not oversubscribe; one thread gives none.
func TestOversubscribedWarning(t *testing.T) {
	t.Parallel()
	procs := runtime.GOMAXPROCS(0)
	scale := strconv.Itoa(procs + 2) // 4000·scale cells: work for procs+1 workers
	for _, threads := range []int{procs + 1, 1} {
		code, stdout, stderr := runCLI(t, "run", "coba_scaled", "--set", "scale="+scale, "--duration", "1 ms",
			"--threads", strconv.Itoa(threads), "--out", t.TempDir(), "--no-plots", "--quiet")
		if code != exitOK {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
		}
		want := fmt.Sprintf("warning: %d workers share %d processors and will wait for each other; --threads %d is faster", procs+1, procs, procs)
		if got := strings.Contains(stderr, want); got != (threads > procs) {
			t.Errorf("%d threads on %d processors: warning %v, want %v\nstderr: %s", threads, procs, got, threads > procs, stderr)
		}
	}
}
