package model

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode checks that Decode never panics, that every failure is an
// *Error at a line of the input, and that every success validates. Its seeds
// are the shipped examples and testdata/*.toml (valid and broken files); they
// run as a normal test without -fuzz.
func FuzzDecode(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"../examples/*.toml", "testdata/*.toml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, files...)
	}
	if len(seeds) < 8 {
		f.Fatalf("found %d seed files, want the 2 examples and testdata/*.toml", len(seeds))
	}
	for _, file := range seeds {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode("fuzz.toml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if lines := bytes.Count(data, []byte("\n")) + 1; e.Pos.Line < 0 || e.Pos.Line > lines {
				t.Fatalf("error at line %d of a %d-line input: %v", e.Pos.Line, lines, err)
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("Decode succeeded but Validate fails: %v", err)
		}
		for _, c := range m.Constants {
			if c.Value.Pos.File != "fuzz.toml" || c.Value.Pos.Line < 1 {
				t.Fatalf("constant %s has position %+v", c.Name, c.Value.Pos)
			}
		}
	})
}
