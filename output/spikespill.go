package output

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/volleysim/volley/npy"
	"github.com/volleysim/volley/record"
)

// SpikeSpill keeps recorded spikes on disk while a run streams them, so that
// recording needs memory for a chunk of spikes, not the run. The file
// (DIR/.spikes.trace) holds one 16-byte record per spike: root group and
// cell (int32 each), step (int64), little-endian, in time order.
type SpikeSpill struct {
	f      *os.File
	spikes int64
}

const spikeRecord = 16

func spikeSpillPath(dir string) string { return filepath.Join(dir, ".spikes.trace") }

// CreateSpikeSpill starts an empty spike file.
func CreateSpikeSpill(dir string) (*SpikeSpill, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(spikeSpillPath(dir))
	if err != nil {
		return nil, err
	}
	return &SpikeSpill{f: f}, nil
}

// OpenSpikeSpill reopens the spike file to continue from a checkpoint taken
// after spikes spikes; later records are cut off.
func OpenSpikeSpill(dir string, spikes int64) (*SpikeSpill, error) {
	f, err := os.OpenFile(spikeSpillPath(dir), os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("recorded spikes: %w", err)
	}
	st, err := f.Stat()
	if err != nil || st.Size() < spikes*spikeRecord {
		f.Close()
		return nil, fmt.Errorf("recorded spikes: the file holds fewer than the %d spikes of the checkpoint", spikes)
	}
	if err := f.Truncate(spikes * spikeRecord); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(spikes*spikeRecord, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &SpikeSpill{f: f, spikes: spikes}, nil
}

// Spikes returns the number of spikes written.
func (s *SpikeSpill) Spikes() int64 { return s.spikes }

// Write appends spikes of root group g.
func (s *SpikeSpill) Write(g int, steps []int64, cells []int32) error {
	w := bufio.NewWriterSize(s.f, 1<<16)
	var b [spikeRecord]byte
	for k, st := range steps {
		binary.LittleEndian.PutUint32(b[0:], uint32(g))
		binary.LittleEndian.PutUint32(b[4:], uint32(cells[k]))
		binary.LittleEndian.PutUint64(b[8:], uint64(st))
		w.Write(b[:])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	s.spikes += int64(len(steps))
	return nil
}

// Close closes the file.
func (s *SpikeSpill) Close() error { return s.f.Close() }

// SpikeView selects the spikes of a group for spikes.npz: the cells
// [Start, Start+N) of root group Root, written as Name_t and Name_i.
type SpikeView struct {
	Name        string
	Root, Start int
	N           int
}

// WriteSpikesNPZ writes DIR/spikes.npz from the spike file in the layout of
// WriteSpikes, reading the file twice per group (to count, then to write).
func (s *SpikeSpill) WriteSpikesNPZ(dir string, views []SpikeView, dt float64) error {
	scan := func(v SpikeView, each func(step int64, cell int32) error) error {
		r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.spikes*spikeRecord), 1<<16)
		var b [spikeRecord]byte
		for k := int64(0); k < s.spikes; k++ {
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return err
			}
			g, c := int(binary.LittleEndian.Uint32(b[0:])), int32(binary.LittleEndian.Uint32(b[4:]))
			if g == v.Root && int(c) >= v.Start && int(c) < v.Start+v.N {
				if err := each(int64(binary.LittleEndian.Uint64(b[8:])), c-int32(v.Start)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var streams []npy.Stream
	for _, v := range views {
		n := 0
		if err := scan(v, func(int64, int32) error { n++; return nil }); err != nil {
			return err
		}
		streams = append(streams,
			npy.Stream{Name: v.Name + "_t", Shape: []int{n}, Write: func(w io.Writer) error {
				var b [8]byte
				return scan(v, func(step int64, _ int32) error {
					binary.LittleEndian.PutUint64(b[:], math.Float64bits(float64(step)*dt))
					_, err := w.Write(b[:])
					return err
				})
			}},
			npy.Stream{Name: v.Name + "_i", Descr: "<i8", Shape: []int{n}, Write: func(w io.Writer) error {
				var b [8]byte
				return scan(v, func(_ int64, cell int32) error {
					binary.LittleEndian.PutUint64(b[:], uint64(cell))
					_, err := w.Write(b[:])
					return err
				})
			}})
	}
	return npy.WriteFileAtomic(filepath.Join(dir, "spikes.npz"), func(w io.Writer) error {
		return npy.WriteNPZStreams(w, nil, streams)
	})
}

// RemoveSpikeSpill deletes the spike file.
func RemoveSpikeSpill(dir string) error {
	err := os.Remove(spikeSpillPath(dir))
	if os.IsNotExist(err) {
		return nil
	}
	return err
}

// Train reads the spikes of one view back into memory (for outputs that
// need one group's train, such as per-cell spike trains).
func (s *SpikeSpill) Train(v SpikeView, dt float64) (record.Spikes, error) {
	out := record.Spikes{Group: v.Name, N: v.N}
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.spikes*spikeRecord), 1<<16)
	var b [spikeRecord]byte
	for k := int64(0); k < s.spikes; k++ {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return out, err
		}
		g, c := int(binary.LittleEndian.Uint32(b[0:])), int(binary.LittleEndian.Uint32(b[4:]))
		if g == v.Root && c >= v.Start && c < v.Start+v.N {
			out.T = append(out.T, float64(int64(binary.LittleEndian.Uint64(b[8:])))*dt)
			out.I = append(out.I, int64(c-v.Start))
		}
	}
	return out, nil
}
