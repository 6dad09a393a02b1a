package checkpoint

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/npy"
)

// Version is the format version this package writes and reads.
const Version = 3

// magic starts every state file.
const magic = "volley checkpoint"

// Checkpoint is what a checkpoint directory holds.
type Checkpoint struct {
	Version   int
	ModelFile string   // file name the model was read from
	Example   string   // name of the built-in example, or "" for a file
	ModelText []byte   // the model file as read
	Seed      string   // command-line changes: --seed, --dt, --duration, --set
	DT        string   //
	Duration  string   //
	Sets      []string //
	State     *engine.Snapshot
	// TraceSamples, for a run whose state monitors stream to files in the
	// output directory, is the number of samples each file held at the
	// checkpoint; nil when the samples are in State.
	TraceSamples []int64
	// Spikes is the number of spikes in the streamed spike file at the
	// checkpoint (with TraceSamples set).
	Spikes int64
}

// Save writes c into dir (created if needed).
func Save(dir string, c *Checkpoint) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	c.Version = Version
	if err := npy.WriteFileAtomic(filepath.Join(dir, "model.toml"), func(w io.Writer) error {
		_, err := w.Write(c.ModelText)
		return err
	}); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	err := npy.WriteFileAtomic(filepath.Join(dir, "state.gob"), func(w io.Writer) error {
		enc := gob.NewEncoder(w)
		if err := enc.Encode(magic); err != nil {
			return err
		}
		if err := enc.Encode(Version); err != nil {
			return err
		}
		return enc.Encode(c)
	})
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Load reads the checkpoint in dir. A checkpoint of another format version
// is refused with a message naming both versions.
func Load(dir string) (*Checkpoint, error) {
	path := filepath.Join(dir, "state.gob")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("checkpoint: %s holds no checkpoint (no state.gob); run with --stop-after or --checkpoint-every to write one", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	defer f.Close()
	dec := gob.NewDecoder(f)
	var m string
	if err := dec.Decode(&m); err != nil || m != magic {
		return nil, fmt.Errorf("checkpoint: %s is not a Volley checkpoint", path)
	}
	var v int
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("checkpoint: %s: %v", path, err)
	}
	if v != Version {
		return nil, fmt.Errorf("checkpoint: %s has format version %d, this volley reads version %d; "+
			"resume it with the volley that wrote it", path, v, Version)
	}
	var c Checkpoint
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("checkpoint: %s: %v", path, err)
	}
	if c.State == nil {
		return nil, fmt.Errorf("checkpoint: %s has no state", path)
	}
	return &c, nil
}

// Remove deletes the checkpoint in dir, if any.
func Remove(dir string) error {
	for _, f := range []string{"state.gob", "model.toml"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	err := os.Remove(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
