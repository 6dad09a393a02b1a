package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/model"
)

// source is a model as loaded: decoded, with its text, and where its own
// files (from_file connectors) are read from.
type source struct {
	m       *model.Model
	files   fs.FS  // nil for a model on disk (its directory), the embedded files for an example
	file    string // file name
	example string // built-in example name, or ""
	text    []byte
}

// loadModel decodes a model file path or a built-in example name. A name
// without a path separator or .toml suffix that is not a file is looked up
// among the examples.
func loadModel(arg string) (*source, error) {
	if arg == "" {
		arg = examples.Default
	}
	isPath := strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".toml")
	if data, err := os.ReadFile(arg); err == nil {
		return decodeSource(arg, "", data)
	} else if isPath {
		return nil, fmt.Errorf("model file: %w", err)
	}
	file, data, ok := examples.Source(arg)
	if !ok {
		return nil, usagef("%q is neither a model file nor a built-in example; examples: %s",
			arg, strings.Join(examples.Names(), ", "))
	}
	return decodeSource(file, arg, data)
}

// decodeSource decodes a model's text; example names a built-in example.
func decodeSource(file, example string, data []byte) (*source, error) {
	m, err := model.Decode(file, data)
	if err != nil {
		return nil, err
	}
	if m.Name == "" { // the file name names the output directory and the summary
		m.Name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	src := &source{m: m, file: file, example: example, text: data}
	if example != "" {
		src.files = examples.Files()
	}
	return src, nil
}

// overrides are the command-line changes to a model.
type overrides struct {
	seed     string
	dt       string
	duration string
	sets     setFlags
}

func (o *overrides) apply(m *model.Model) error {
	flagPos := func(name string) model.Pos { return model.Pos{Key: "--" + name} }
	if o.seed != "" {
		s, err := strconv.ParseUint(o.seed, 10, 64)
		if err != nil {
			return usagef("--seed %q: expected a whole number >= 0", o.seed)
		}
		m.Run.Seed = s
	}
	if o.dt != "" {
		m.Run.DT = model.Value{Text: o.dt, Pos: flagPos("dt")}
	}
	if o.duration != "" {
		m.Run.Duration = model.Value{Text: o.duration, Pos: flagPos("duration")}
	}
	for _, s := range o.sets {
		name, value, _ := strings.Cut(s, "=")
		if err := m.SetConstant(strings.TrimSpace(name), strings.TrimSpace(value)); err != nil {
			return usagef("--set %s: %v", s, err)
		}
	}
	return nil
}
