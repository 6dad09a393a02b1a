package npy

import "io"

// Write writes a as an .npy file to w: format version 1.0 (2.0 if the
// header needs it), little-endian, C order. a.Name is not stored. It returns
// an error if a.Data is not a supported type or its length does not match
// a.Shape.
func Write(w io.Writer, a Array) error {
	dt, err := a.validate()
	if err != nil {
		return err
	}
	if _, err := w.Write(encodeHeader(dt.descr, a.Shape)); err != nil {
		return err
	}
	return writeData(w, a.Data)
}
