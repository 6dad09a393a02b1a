package npy

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"slices"
	"testing"
)

// A streamed entry reads back like the same array written whole.
func TestWriteNPZStreams(t *testing.T) {
	t.Parallel()
	vals := []float64{1, 2, 3, 4, 5, 6}
	var b bytes.Buffer
	err := WriteNPZStreams(&b, []Array{{Name: "t", Shape: []int{3}, Data: []float64{0, 1, 2}}},
		[]Stream{{Name: "v", Shape: []int{2, 3}, Write: func(w io.Writer) error {
			for _, x := range vals {
				if err := binary.Write(w, binary.LittleEndian, math.Float64bits(x)); err != nil {
					return err
				}
			}
			return nil
		}}})
	if err != nil {
		t.Fatal(err)
	}
	arrays, err := ReadNPZ(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(arrays) != 2 || arrays[1].Name != "v" || !slices.Equal(arrays[1].Shape, []int{2, 3}) || !slices.Equal(arrays[1].Data.([]float64), vals) {
		t.Errorf("read back %+v", arrays)
	}
	err = WriteNPZStreams(io.Discard, nil, []Stream{{Name: "v", Shape: []int{2}, Write: func(w io.Writer) error { return nil }}})
	if err == nil {
		t.Error("a stream shorter than its shape: no error")
	}
}
