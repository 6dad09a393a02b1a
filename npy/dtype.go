package npy

import (
	"encoding/binary"
	"fmt"
	"io"
)

// dtype is one supported element type: its NumPy type character and size,
// and the little-endian descr written to files.
type dtype struct {
	kind  byte // 'f' float, 'i' signed integer, 'u' unsigned integer, 'b' bool
	size  int  // bytes per element
	descr string
}

var (
	dtFloat64 = dtype{'f', 8, "<f8"}
	dtFloat32 = dtype{'f', 4, "<f4"}
	dtInt64   = dtype{'i', 8, "<i8"}
	dtInt32   = dtype{'i', 4, "<i4"}
	dtInt16   = dtype{'i', 2, "<i2"}
	dtInt8    = dtype{'i', 1, "|i1"}
	dtUint8   = dtype{'u', 1, "|u1"}
	dtBool    = dtype{'b', 1, "|b1"}
)

// dtypeOf returns the dtype that stores data, and false if data is not one
// of the supported slice types.
func dtypeOf(data any) (dtype, bool) {
	switch data.(type) {
	case []float64:
		return dtFloat64, true
	case []float32:
		return dtFloat32, true
	case []int64:
		return dtInt64, true
	case []int32:
		return dtInt32, true
	case []int16:
		return dtInt16, true
	case []int8:
		return dtInt8, true
	case []uint8:
		return dtUint8, true
	case []bool:
		return dtBool, true
	}
	return dtype{}, false
}

// parseDescr parses a NumPy dtype string such as "<f8" or ">i4" and returns
// its dtype and byte order. Single-byte types accept any byte-order mark.
func parseDescr(s string) (dtype, binary.ByteOrder, error) {
	unsupported := fmt.Errorf("npy: unsupported dtype %q", s)
	if len(s) < 3 {
		return dtype{}, nil, unsupported
	}
	var order binary.ByteOrder
	switch s[0] {
	case '<', '|':
		order = binary.LittleEndian
	case '>':
		order = binary.BigEndian
	default:
		return dtype{}, nil, unsupported
	}
	for _, dt := range []dtype{dtFloat64, dtFloat32, dtInt64, dtInt32, dtInt16, dtInt8, dtUint8, dtBool} {
		if s[1:] == dt.descr[1:] {
			if s[0] == '|' && dt.size != 1 {
				return dtype{}, nil, unsupported
			}
			return dt, order, nil
		}
	}
	return dtype{}, nil, unsupported
}

// decode converts b, which holds n elements of dt in the given byte order,
// to a slice of the matching Go type.
func decode(dt dtype, order binary.ByteOrder, b []byte, n int) (any, error) {
	var data any
	switch dt {
	case dtFloat64:
		data = make([]float64, n)
	case dtFloat32:
		data = make([]float32, n)
	case dtInt64:
		data = make([]int64, n)
	case dtInt32:
		data = make([]int32, n)
	case dtInt16:
		data = make([]int16, n)
	case dtInt8:
		data = make([]int8, n)
	case dtUint8:
		data = make([]uint8, n)
		copy(data.([]uint8), b)
		return data, nil
	case dtBool:
		data = make([]bool, n)
	default:
		return nil, fmt.Errorf("npy: unsupported dtype %q", dt.descr)
	}
	if n == 0 {
		return data, nil
	}
	if _, err := binary.Decode(b, order, data); err != nil {
		return nil, fmt.Errorf("npy: decoding %s data: %w", dt.descr, err)
	}
	return data, nil
}

// encodeChunk is the number of elements encoded per write.
const encodeChunk = 8192

// writeData writes data little-endian to w in bounded chunks.
func writeData(w io.Writer, data any) error {
	switch d := data.(type) {
	case []float64:
		return writeChunks(w, d)
	case []float32:
		return writeChunks(w, d)
	case []int64:
		return writeChunks(w, d)
	case []int32:
		return writeChunks(w, d)
	case []int16:
		return writeChunks(w, d)
	case []int8:
		return writeChunks(w, d)
	case []uint8:
		_, err := w.Write(d)
		return err
	case []bool:
		return writeChunks(w, d)
	}
	return fmt.Errorf("npy: unsupported data type %T", data)
}

func writeChunks[T float64 | float32 | int64 | int32 | int16 | int8 | bool](w io.Writer, d []T) error {
	var buf []byte
	for len(d) > 0 {
		k := min(len(d), encodeChunk)
		var err error
		buf, err = binary.Append(buf[:0], binary.LittleEndian, d[:k])
		if err != nil {
			return fmt.Errorf("npy: encoding data: %w", err)
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		d = d[k:]
	}
	return nil
}
