package npy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Read reads one .npy array from r. It accepts format versions 1.0, 2.0 and
// 3.0, the dtypes <f8 <f4 <i8 <i4 <i2 |i1 |u1 |b1 and their big-endian
// forms, and Fortran-order data, which it converts to C order. Bytes after
// the array's data are left unread.
//
// Since the size of r is unknown, Read allocates as the data arrives, so a
// header that claims more data than r holds costs at most about twice the
// bytes actually present before Read reports the truncation.
func Read(r io.Reader) (Array, error) {
	return readArray(r, -1)
}

// readArray reads one array from r, which holds size bytes in all, or an
// unknown number if size is negative.
func readArray(r io.Reader, size int64) (Array, error) {
	var pre [len(magic) + 2]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return Array{}, fmt.Errorf("npy: reading magic string: %w", eofIsUnexpected(err))
	}
	if string(pre[:len(magic)]) != magic {
		return Array{}, errors.New("npy: not an .npy file: bad magic string")
	}
	major, minor := pre[len(magic)], pre[len(magic)+1]
	var lenSize int
	switch {
	case major == 1 && minor == 0:
		lenSize = 2
	case (major == 2 || major == 3) && minor == 0:
		lenSize = 4
	default:
		return Array{}, fmt.Errorf("npy: unsupported format version %d.%d", major, minor)
	}
	var lb [4]byte
	if _, err := io.ReadFull(r, lb[:lenSize]); err != nil {
		return Array{}, fmt.Errorf("npy: reading header length: %w", eofIsUnexpected(err))
	}
	hlen := int64(binary.LittleEndian.Uint32(lb[:]))
	if hlen > MaxHeaderLen {
		return Array{}, fmt.Errorf("npy: header length %d exceeds the limit of %d bytes", hlen, MaxHeaderLen)
	}
	consumed := int64(len(pre)+lenSize) + hlen
	if size >= 0 && consumed > size {
		return Array{}, fmt.Errorf("npy: header length %d exceeds the %d bytes of the file", hlen, size)
	}
	hb := make([]byte, hlen)
	if _, err := io.ReadFull(r, hb); err != nil {
		return Array{}, fmt.Errorf("npy: reading header: %w", eofIsUnexpected(err))
	}
	h, err := parseHeader(string(hb))
	if err != nil {
		return Array{}, err
	}
	dt, order, err := parseDescr(h.descr)
	if err != nil {
		return Array{}, err
	}
	n, err := shapeSize(h.shape, dt.size)
	if err != nil {
		return Array{}, fmt.Errorf("npy: %w", err)
	}
	nbytes := int64(n) * int64(dt.size)
	if size >= 0 && nbytes > size-consumed {
		return Array{}, fmt.Errorf("npy: shape %s of %s needs %d bytes of data, only %d remain",
			formatShape(h.shape), h.descr, nbytes, size-consumed)
	}
	b, err := readData(r, nbytes, size >= 0)
	if err != nil {
		return Array{}, fmt.Errorf("npy: reading data of shape %s and dtype %s: %w", formatShape(h.shape), h.descr, err)
	}
	data, err := decode(dt, order, b, n)
	if err != nil {
		return Array{}, err
	}
	if h.fortran {
		data = fortranToC(data, h.shape)
	}
	return Array{Shape: h.shape, Data: data}, nil
}

// readData reads exactly n bytes. If known is true, n bytes are known to be
// available and are allocated at once; otherwise the buffer grows as bytes
// arrive.
func readData(r io.Reader, n int64, known bool) ([]byte, error) {
	if known {
		b := make([]byte, n)
		_, err := io.ReadFull(r, b)
		return b, eofIsUnexpected(err)
	}
	var buf bytes.Buffer
	got, err := buf.ReadFrom(io.LimitReader(r, n))
	if err != nil {
		return nil, err
	}
	if got < n {
		return nil, fmt.Errorf("data truncated: want %d bytes, got %d", n, got)
	}
	return buf.Bytes(), nil
}

func eofIsUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// fortranToC reorders data, a slice in Fortran order, to C order.
func fortranToC(data any, shape []int) any {
	switch d := data.(type) {
	case []float64:
		return transpose(d, shape)
	case []float32:
		return transpose(d, shape)
	case []int64:
		return transpose(d, shape)
	case []int32:
		return transpose(d, shape)
	case []int16:
		return transpose(d, shape)
	case []int8:
		return transpose(d, shape)
	case []uint8:
		return transpose(d, shape)
	case []bool:
		return transpose(d, shape)
	}
	panic(fmt.Sprintf("npy: fortranToC: unexpected data type %T", data))
}

// transpose returns src, which holds an array of the given shape in Fortran
// order, in C order.
func transpose[T any](src []T, shape []int) []T {
	k := len(shape)
	if len(src) == 0 || k <= 1 {
		return src
	}
	// fs[j] is the Fortran stride of dimension j, in elements.
	fs := make([]int, k)
	fs[0] = 1
	for j := 1; j < k; j++ {
		fs[j] = fs[j-1] * shape[j-1]
	}
	dst := make([]T, len(src))
	idx := make([]int, k)
	last, step := shape[k-1], fs[k-1]
	base := 0 // Fortran offset of idx with the last index 0
	for c := 0; c < len(dst); c += last {
		off := base
		for j := range last {
			dst[c+j] = src[off]
			off += step
		}
		for d := k - 2; d >= 0; d-- {
			idx[d]++
			base += fs[d]
			if idx[d] < shape[d] {
				break
			}
			base -= idx[d] * fs[d]
			idx[d] = 0
		}
	}
	return dst
}
