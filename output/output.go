package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/volleysim/volley/npy"
	"github.com/volleysim/volley/record"
)

// Summary is the content of summary.json.
type Summary struct {
	Model       string              `json:"model"`
	Source      string              `json:"source,omitempty"`
	Seed        uint64              `json:"seed"`
	DT          float64             `json:"dt"`
	Duration    float64             `json:"duration"`
	Completed   float64             `json:"completed"` // simulated time reached, s
	Complete    bool                `json:"complete"`
	Threads     int                 `json:"threads"`
	Cells       int                 `json:"cells"`
	Steps       int64               `json:"steps"`
	Events      int64               `json:"synaptic_events"`
	Groups      []GroupSummary      `json:"groups"`
	Projections []ProjectionSummary `json:"projections"`
	Timings     Timings             `json:"timings"`
	Warnings    []string            `json:"warnings,omitempty"`
	Error       string              `json:"error,omitempty"`
}

// GroupSummary describes one group (root or sub-group).
type GroupSummary struct {
	Name   string  `json:"name"`
	Model  string  `json:"model"`
	Size   int     `json:"size"`
	Spikes int64   `json:"spikes"`
	RateHz float64 `json:"rate_hz"`
}

// ProjectionSummary describes one projection.
type ProjectionSummary struct {
	Name     string `json:"name"`
	Pre      string `json:"pre"`
	Post     string `json:"post"`
	Synapses int    `json:"synapses"`
	Weight   string `json:"weight"`
}

// Timings are wall-clock seconds of the phases of a run.
type Timings struct {
	Build float64 `json:"build"`
	Run   float64 `json:"run"`
	Write float64 `json:"write"`
}

// WriteSummary writes DIR/summary.json.
func WriteSummary(dir string, s *Summary) error {
	return npy.WriteFileAtomic(filepath.Join(dir, "summary.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	})
}

// WriteSpikes writes DIR/spikes.npz with G_t and G_i for each group.
func WriteSpikes(dir string, trains []record.Spikes) error {
	var arrays []npy.Array
	for _, s := range trains {
		t, i := s.T, s.I
		if t == nil {
			t, i = []float64{}, []int64{}
		}
		arrays = append(arrays,
			npy.Array{Name: s.Group + "_t", Shape: []int{len(t)}, Data: t},
			npy.Array{Name: s.Group + "_i", Shape: []int{len(i)}, Data: i})
	}
	return npy.WriteNPZFile(filepath.Join(dir, "spikes.npz"), arrays)
}

// WriteTrace writes DIR/<monitor>.npz.
func WriteTrace(dir string, tr record.Trace) error {
	arrays := []npy.Array{
		{Name: "t", Shape: []int{len(tr.T)}, Data: nonNil(tr.T)},
		{Name: "index", Shape: []int{len(tr.Index)}, Data: nonNilInt(tr.Index)},
	}
	for v, name := range tr.Vars {
		cells := tr.Data[v]
		var flat []float64
		if len(cells) == 1 {
			flat = cells[0] // one cell: its row is the array, no copy
		} else {
			flat = make([]float64, 0, len(cells)*len(tr.T))
			for _, row := range cells {
				flat = append(flat, row...)
			}
		}
		arrays = append(arrays, npy.Array{Name: name, Shape: []int{len(cells), len(tr.T)}, Data: flat})
	}
	return npy.WriteNPZFile(filepath.Join(dir, tr.Name+".npz"), arrays)
}

func nonNil(x []float64) []float64 {
	if x == nil {
		return []float64{}
	}
	return x
}

func nonNilInt(x []int64) []int64 {
	if x == nil {
		return []int64{}
	}
	return x
}

// PrepareDir creates the output directory.
func PrepareDir(dir string) error {
	return os.MkdirAll(dir, 0o755)
}

// CheckDir refuses an output directory that holds the results of an earlier
// run (a summary.json) unless force is set, and a path that exists but is not
// a directory.
func CheckDir(dir string, force bool) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output directory: %w", err)
	case !st.IsDir():
		return fmt.Errorf("output directory %s is a file", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.json")); err == nil && !force {
		return fmt.Errorf("output directory %s holds the results of an earlier run; use --force to replace them or --out to choose another directory", dir)
	}
	return nil
}

// WriteConnectivity writes an n×n matrix as DIR/file (.npy), as int64 when
// every entry is a whole number (like numpy's default integer matrix).
func WriteConnectivity(dir, file string, n int, m []float64) error {
	a := npy.Array{Shape: []int{n, n}, Data: m}
	whole := true
	for _, x := range m {
		whole = whole && x == math.Trunc(x) && math.Abs(x) < 1<<53
	}
	if whole {
		ints := make([]int64, len(m))
		for i, x := range m {
			ints[i] = int64(x)
		}
		a.Data = ints
	}
	return npy.WriteNPYFile(filepath.Join(dir, file), a)
}

// WriteSpikeTrains writes DIR/file (.npz) with the spike times of each cell
// of a group as neuron_<i> (seconds), as Brian2's spike_trains() saved with
// numpy.savez.
func WriteSpikeTrains(dir, file string, s record.Spikes) error {
	trains := make([][]float64, s.N)
	for k, i := range s.I {
		trains[i] = append(trains[i], s.T[k])
	}
	arrays := make([]npy.Array, s.N)
	for i, t := range trains {
		if t == nil {
			t = []float64{}
		}
		arrays[i] = npy.Array{Name: fmt.Sprintf("neuron_%d", i), Shape: []int{len(t)}, Data: t}
	}
	return npy.WriteNPZFile(filepath.Join(dir, file), arrays)
}

// WriteRate writes DIR/<monitor>.npz for a population rate monitor: t (start
// of each bin, s), count (spikes per bin) and rate (Hz per cell).
func WriteRate(dir string, r record.Rate) error {
	return npy.WriteNPZFile(filepath.Join(dir, r.Name+".npz"), []npy.Array{
		{Name: "t", Shape: []int{len(r.T)}, Data: nonNil(r.T)},
		{Name: "count", Shape: []int{len(r.Count)}, Data: nonNilInt(r.Count)},
		{Name: "rate", Shape: []int{len(r.RateHz)}, Data: nonNil(r.RateHz)},
	})
}

// WriteSynapseMean writes DIR/<monitor>.npz for a synapse monitor: t (s) and
// the mean of its variable, named after it ("x", "y" or "u").
func WriteSynapseMean(dir string, s record.SynapseMean) error {
	return npy.WriteNPZFile(filepath.Join(dir, s.Name+".npz"), []npy.Array{
		{Name: "t", Shape: []int{len(s.T)}, Data: nonNil(s.T)},
		{Name: s.Var, Shape: []int{len(s.Mean)}, Data: nonNil(s.Mean)},
	})
}

// WriteSynapseTable writes DIR/synapses_<projection>.npz: i, j (int64, the
// cells within their groups), delay (s) and one array per value column (SI),
// one entry per synapse.
func WriteSynapseTable(dir string, t record.SynapseTable) error {
	n := len(t.I)
	arrays := []npy.Array{
		{Name: "i", Shape: []int{n}, Data: nonNilInt(t.I)},
		{Name: "j", Shape: []int{n}, Data: nonNilInt(t.J)},
		{Name: "delay", Shape: []int{n}, Data: nonNil(t.Delay)},
	}
	for c, name := range t.Names {
		arrays = append(arrays, npy.Array{Name: name, Shape: []int{n}, Data: nonNil(t.Values[c])})
	}
	return npy.WriteNPZFile(filepath.Join(dir, "synapses_"+t.Projection+".npz"), arrays)
}
