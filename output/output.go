package output

import (
	"encoding/json"
	"io"
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
		flat := make([]float64, 0, len(cells)*len(tr.T))
		for _, row := range cells {
			flat = append(flat, row...)
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
