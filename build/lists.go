package build

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/npy"
	"github.com/volleysim/volley/units"
)

// readFile reads a file named by the model: an absolute path, or one
// relative to the model file (or within the binary, for examples).
func (n *Network) readFile(file string) ([]byte, error) {
	if filepath.IsAbs(file) {
		return os.ReadFile(file)
	}
	return fs.ReadFile(n.files, filepath.ToSlash(filepath.Clean(file)))
}

// initFile reads the initial values of a variable for the cells of a view
// from a 1-D .npy array in the given unit.
func (n *Network) initFile(f model.InitFile, g *GroupSpec, view View) (dist, error) {
	sv, ok := g.stateVar(f.Var)
	if !ok {
		return dist{}, errorAt(f.Pos, "%s has no state variable %q; valid: %s", g.Kind, f.Var, orNone(g.stateNames()))
	}
	scale := 1.0
	if f.Unit != "" {
		q, err := units.Parse(f.Unit)
		if err != nil {
			return dist{}, errorAt(f.Pos, "init_files.%s: unit %q: %v", f.Var, f.Unit, err)
		}
		if q.Dim != sv.Dim {
			return dist{}, errorAt(f.Pos, "init_files.%s: unit %q is a %s; %s is a %s", f.Var, f.Unit, dimName(q.Dim), f.Var, dimName(sv.Dim))
		}
		scale = q.Value
	} else if !sv.Dim.IsDimensionless() {
		return dist{}, errorAt(f.Pos, "init_files.%s: give the unit of the values (unit = %q, for example): %s is a %s",
			f.Var, exampleUnit(sv.Dim), f.Var, dimName(sv.Dim))
	}
	data, err := n.readFile(f.File)
	if err != nil {
		return dist{}, errorAt(f.Pos, "init_files.%s: %v", f.Var, err)
	}
	a, err := npy.Read(bytes.NewReader(data))
	if err != nil {
		return dist{}, errorAt(f.Pos, "init_files.%s: %s: %v", f.Var, f.File, err)
	}
	x, err := a.Float64s()
	if err != nil {
		return dist{}, errorAt(f.Pos, "init_files.%s: %s: %v", f.Var, f.File, err)
	}
	if len(a.Shape) != 1 || len(x) != view.N {
		return dist{}, errorAt(f.Pos, "init_files.%s: %s has shape %v; %q has %d cells: expected shape (%d,)", f.Var, f.File, a.Shape, view.Name, view.N, view.N)
	}
	vals := make([]float64, len(x))
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dist{}, errorAt(f.Pos, "init_files.%s: %s: value %d is %g", f.Var, f.File, i, v)
		}
		vals[i] = v * scale
	}
	return dist{kind: "array", vals: vals, text: f.File}, nil
}

// readList reads the connections of a from_file connector.
func (n *Network) readList(file string, pre, post View, value *float64) ([][]float64, error) {
	data, err := n.readFile(file)
	if err != nil {
		return nil, fmt.Errorf("connection file: %v", err)
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".npy":
		a, err := npy.Read(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		return npyList(file, a, pre, post, n.Groups[pre.Group].N, n.Groups[post.Group].N, value)
	case ".csv", ".txt":
		if value != nil {
			return nil, fmt.Errorf("%s: value selects entries of a matrix; a .csv file is a list of connections", file)
		}
		return csvList(file, bytes.NewReader(data))
	}
	return nil, fmt.Errorf("connection file %q: unknown format; use .npy or .csv", file)
}

// npyList reads connections from a .npy array: either a list with one row per
// synapse (2, 3 or 4 columns: i, j[, weight[, delay]]) or a dense matrix
// whose selected entries (those equal to value, or all nonzero ones) are
// synapses. The matrix is pre × post, or spans the pre and post root groups,
// in which case the rows and columns of the sub-groups are taken (as the
// AdEx seed's matrix over the whole group G).
func npyList(file string, a npy.Array, pre, post View, rootPre, rootPost int, value *float64) ([][]float64, error) {
	x, err := a.Float64s()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if len(a.Shape) != 2 {
		return nil, fmt.Errorf("%s: expected a 2-D array, got shape %v", file, a.Shape)
	}
	r, c := a.Shape[0], a.Shape[1]
	dense := func(row0, col0 int) [][]float64 {
		var rows [][]float64
		for i := 0; i < pre.N; i++ {
			for j := 0; j < post.N; j++ {
				v := x[(row0+i)*c+col0+j]
				if (value == nil && v != 0) || (value != nil && v == *value) {
					rows = append(rows, []float64{float64(i), float64(j)})
				}
			}
		}
		return rows
	}
	switch {
	case r == pre.N && c == post.N && (value != nil || c < 2 || c > 4):
		return dense(0, 0), nil
	case r == rootPre && c == rootPost && (r != pre.N || c != post.N):
		return dense(pre.Start, post.Start), nil
	case value != nil:
		return nil, fmt.Errorf("%s: shape %v is neither %d×%d (pre × post) nor %d×%d (their root groups)",
			file, a.Shape, pre.N, post.N, rootPre, rootPost)
	case c < 2 || c > 4:
		return nil, fmt.Errorf("%s: shape %v is neither a %d×%d matrix nor a list of [i, j(, weight, delay)] rows", file, a.Shape, pre.N, post.N)
	}
	rows := make([][]float64, r)
	for i := range rows {
		rows[i] = x[i*c : (i+1)*c]
	}
	return rows, nil
}

// csvList reads connections from text with one synapse per line:
// "i, j[, weight[, delay]]" separated by commas or white space; empty lines,
// lines starting with '#' and a header line of names are skipped.
func csvList(file string, r io.Reader) ([][]float64, error) {
	var rows [][]float64
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == ';' })
		row := make([]float64, 0, len(fields))
		for _, fld := range fields {
			v, err := strconv.ParseFloat(fld, 64)
			if err != nil {
				if len(rows) == 0 && line == 1 {
					row = nil
					break
				}
				return nil, fmt.Errorf("%s:%d: %q is not a number", file, line, fld)
			}
			row = append(row, v)
		}
		if row != nil {
			rows = append(rows, row)
		}
	}
	return rows, sc.Err()
}
