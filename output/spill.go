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
)

// TraceSpill keeps the samples of one state monitor on disk while a run
// streams them, so that recording needs memory for a chunk, not the run.
// The file (DIR/.<monitor>.trace) is a sequence of chunks: the index of the
// first sample and the sample count (int64 each), then the samples as
// [vars][cells][count] little-endian float64.
type TraceSpill struct {
	f           *os.File
	vars, cells int
	samples     int64
}

func spillPath(dir, name string) string { return filepath.Join(dir, "."+name+".trace") }

// CreateTraceSpill starts an empty spill file for a monitor.
func CreateTraceSpill(dir, name string, vars, cells int) (*TraceSpill, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(spillPath(dir, name))
	if err != nil {
		return nil, err
	}
	return &TraceSpill{f: f, vars: vars, cells: cells}, nil
}

// OpenTraceSpill reopens a monitor's spill file to continue a run from a
// checkpoint taken after samples samples: later chunks are cut off.
func OpenTraceSpill(dir, name string, vars, cells int, samples int64) (*TraceSpill, error) {
	f, err := os.OpenFile(spillPath(dir, name), os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("recorded samples of %s: %w", name, err)
	}
	s := &TraceSpill{f: f, vars: vars, cells: cells}
	var off int64
	for s.samples < samples {
		var hdr [16]byte
		if _, err := f.ReadAt(hdr[:], off); err != nil {
			f.Close()
			return nil, fmt.Errorf("recorded samples of %s: the file ends after %d of %d samples", name, s.samples, samples)
		}
		n := int64(binary.LittleEndian.Uint64(hdr[8:]))
		s.samples += n
		off += 16 + n*int64(vars*cells)*8
	}
	if s.samples != samples {
		f.Close()
		return nil, fmt.Errorf("recorded samples of %s: %d samples do not end a chunk", name, samples)
	}
	if err := f.Truncate(off); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// Samples returns the number of samples written.
func (s *TraceSpill) Samples() int64 { return s.samples }

// Write appends a chunk of samples, data[vars][cells][n], whose first sample
// has index first.
func (s *TraceSpill) Write(first int64, data [][][]float64) error {
	if first != s.samples {
		return fmt.Errorf("spill: chunk at sample %d after %d samples", first, s.samples)
	}
	n := 0
	if len(data) > 0 && len(data[0]) > 0 {
		n = len(data[0][0])
	}
	w := bufio.NewWriterSize(s.f, 1<<16)
	var hdr [16]byte
	binary.LittleEndian.PutUint64(hdr[:8], uint64(first))
	binary.LittleEndian.PutUint64(hdr[8:], uint64(n))
	w.Write(hdr[:])
	var b [8]byte
	for _, cells := range data {
		for _, xs := range cells {
			for _, x := range xs {
				binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
				w.Write(b[:])
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	s.samples += int64(n)
	return nil
}

// Close closes the file.
func (s *TraceSpill) Close() error { return s.f.Close() }

// WriteTraceNPZ writes DIR/<name>.npz from a spill file in the layout of
// WriteTrace (t, index, then one cells × samples array per variable),
// reading each cell's samples chunk by chunk.
func (s *TraceSpill) WriteTraceNPZ(dir, name string, t []float64, index []int64, vars []string) error {
	if int64(len(t)) != s.samples {
		return fmt.Errorf("spill: %d times for %d samples", len(t), s.samples)
	}
	type chunk struct{ off, n int64 }
	var chunks []chunk
	for off, got := int64(0), int64(0); got < s.samples; {
		var hdr [16]byte
		if _, err := s.f.ReadAt(hdr[:], off); err != nil {
			return err
		}
		n := int64(binary.LittleEndian.Uint64(hdr[8:]))
		chunks = append(chunks, chunk{off + 16, n})
		got += n
		off += 16 + n*int64(s.vars*s.cells)*8
	}
	arrays := []npy.Array{
		{Name: "t", Shape: []int{len(t)}, Data: nonNil(t)},
		{Name: "index", Shape: []int{len(index)}, Data: nonNilInt(index)},
	}
	var streams []npy.Stream
	for v, vname := range vars {
		streams = append(streams, npy.Stream{Name: vname, Shape: []int{s.cells, int(s.samples)}, Write: func(w io.Writer) error {
			buf := make([]byte, 0, 1<<16)
			for k := 0; k < s.cells; k++ {
				for _, c := range chunks {
					size := c.n * 8
					if int64(cap(buf)) < size {
						buf = make([]byte, size)
					}
					buf = buf[:size]
					if _, err := s.f.ReadAt(buf, c.off+int64(v*s.cells+k)*size); err != nil {
						return err
					}
					if _, err := w.Write(buf); err != nil {
						return err
					}
				}
			}
			return nil
		}})
	}
	return npy.WriteFileAtomic(filepath.Join(dir, name+".npz"), func(w io.Writer) error {
		return npy.WriteNPZStreams(w, arrays, streams)
	})
}

// RemoveTraceSpill deletes a monitor's spill file.
func RemoveTraceSpill(dir, name string) error {
	err := os.Remove(spillPath(dir, name))
	if os.IsNotExist(err) {
		return nil
	}
	return err
}
