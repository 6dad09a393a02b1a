// Package npy reads and writes NumPy .npy and .npz files using only the
// standard library.
//
// An [Array] is an n-dimensional array in C (row-major) order: its Data is a
// flat slice whose length equals the product of its Shape (1 for a 0-d
// array, whose Shape is empty). Supported element types are float64,
// float32, int64, int32, int16, int8, uint8 and bool, stored in files as the
// NumPy dtypes <f8, <f4, <i8, <i4, <i2, |i1, |u1 and |b1.
//
// Writing always produces little-endian, C-order files in format version
// 1.0, or 2.0 when the header does not fit version 1.0. An .npz written by
// [WriteNPZ] is an uncompressed zip archive, as numpy.savez makes, holding
// one "<name>.npy" entry per array in the order given.
//
// Reading accepts format versions 1.0, 2.0 and 3.0, big-endian data
// (converted to native values) and Fortran-order data (converted to C
// order); .npz archives may also be deflate-compressed, as
// numpy.savez_compressed makes. Reading validates the input before it
// allocates: a header is at most [MaxHeaderLen] bytes, a shape has at most
// [MaxDims] dimensions, and the data a shape claims must fit in the bytes
// that remain, so malformed input yields an error, never a panic or an
// unbounded allocation.
//
// Files are written atomically by [WriteFileAtomic]: the bytes go to a
// temporary file in the destination directory, which is synced and renamed
// into place, so a crash never leaves a partial file under the final name.
//
// The package holds no state; values carry no units (by convention Volley
// stores SI units: seconds, volts, siemens, amperes).
package npy
