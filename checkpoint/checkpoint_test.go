package checkpoint

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
)

func TestSaveLoad(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "checkpoint")
	c := &Checkpoint{ModelFile: "m.toml", ModelText: []byte("name = \"m\"\n"), Seed: "7", Sets: []string{"a=1"},
		State: &engine.Snapshot{Step: 42, Vars: [][][]float64{{{1, 2}}},
			Internal: [][]build.Internal{{{Name: "last_spike_step", Int64: []int64{-5, 3}}}},
			Counts:   [][]int64{{0, 1}}, Spikes: []engine.Spikes{{Step: []int64{3}, Cell: []int32{1}}}}}
	if err := Save(dir, c); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != Version || got.Seed != "7" || got.State.Step != 42 || !slices.Equal(got.State.Vars[0][0], []float64{1, 2}) ||
		!slices.Equal(got.State.Internal[0][0].Int64, []int64{-5, 3}) || string(got.ModelText) != "name = \"m\"\n" {
		t.Errorf("loaded %+v", got)
	}
	if text, _ := os.ReadFile(filepath.Join(dir, "model.toml")); string(text) != "name = \"m\"\n" {
		t.Errorf("model.toml = %q", text)
	}
	if err := Remove(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("checkpoint directory still there: %v", err)
	}
}

// A checkpoint of another format version is refused with both versions named.
func TestVersionMismatch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "state.gob"))
	if err != nil {
		t.Fatal(err)
	}
	enc := gob.NewEncoder(f)
	enc.Encode(magic)
	enc.Encode(Version + 1)
	f.Close()
	_, err = Load(dir)
	want1, want2 := fmt.Sprintf("version %d", Version+1), fmt.Sprintf("version %d", Version)
	if err == nil || !strings.Contains(err.Error(), want1) || !strings.Contains(err.Error(), want2) {
		t.Errorf("error %v, want one naming %s and %s", err, want1, want2)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "no checkpoint") {
		t.Errorf("empty directory: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "state.gob"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not a Volley checkpoint") {
		t.Errorf("garbage: %v", err)
	}
}
