// Package examples embeds the built-in model files: the seed networks as
// Volley models. `volley examples` lists them and `volley run NAME` runs one.
package examples

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.toml *.npy
var files embed.FS

// Default is the example `volley run` uses when no model is given.
const Default = "coba"

// Names lists the built-in examples, sorted.
func Names() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Source returns the model file of the example called name, with its file name.
func Source(name string) (file string, data []byte, ok bool) {
	file = name + ".toml"
	data, err := files.ReadFile(file)
	if err != nil {
		return "", nil, false
	}
	return file, data, true
}

// Files returns the embedded files, where the examples' from_file connectors
// find their data.
func Files() fs.FS { return files }
