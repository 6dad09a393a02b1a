package build

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/volleysim/volley/npy"
)

// readNPYList reads connections from a .npy file: either a list with one row
// per synapse (2, 3 or 4 columns: i, j[, weight[, delay]]) or a dense npre×npost
// matrix whose nonzero entries are synapses.
func readNPYList(path string, npre, npost int) ([][]float64, error) {
	a, err := npy.ReadNPYFile(path)
	if err != nil {
		return nil, err
	}
	x, err := a.Float64s()
	if err != nil {
		return nil, err
	}
	if len(a.Shape) != 2 {
		return nil, fmt.Errorf("%s: expected a 2-D array, got shape %v", path, a.Shape)
	}
	r, c := a.Shape[0], a.Shape[1]
	if r == npre && c == npost && !(c >= 2 && c <= 4 && npost != c) {
		var rows [][]float64
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				if x[i*c+j] != 0 {
					rows = append(rows, []float64{float64(i), float64(j)})
				}
			}
		}
		return rows, nil
	}
	if c < 2 || c > 4 {
		return nil, fmt.Errorf("%s: shape %v is neither a %d×%d matrix nor a list of [i, j(, weight, delay)] rows", path, a.Shape, npre, npost)
	}
	rows := make([][]float64, r)
	for i := range rows {
		rows[i] = x[i*c : (i+1)*c]
	}
	return rows, nil
}

// readCSVList reads connections from a text file with one synapse per line:
// "i, j[, weight[, delay]]" separated by commas or white space; empty lines,
// lines starting with '#' and a header line of names are skipped.
func readCSVList(path string) ([][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
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
				return nil, fmt.Errorf("%s:%d: %q is not a number", path, line, fld)
			}
			row = append(row, v)
		}
		if row != nil {
			rows = append(rows, row)
		}
	}
	return rows, sc.Err()
}
