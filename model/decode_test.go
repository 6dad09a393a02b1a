package model

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func decodeFile(t *testing.T, path string) *Model {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", path, err)
	}
	return m
}

// TestDecodeExamples checks the shipped examples. The counts and lines are
// read off examples/coba.toml and examples/cuba.toml.
func TestDecodeExamples(t *testing.T) {
	t.Parallel()
	type want struct {
		key  string // what the value is, for failure messages
		got  Value
		text string
		line int
		pos  string // Pos.Key
	}
	tests := []struct {
		file                                 string
		constants, groups, projections, subs int
		values                               func(m *Model) []want
	}{
		{
			file: "coba.toml", constants: 20, groups: 4, projections: 6, subs: 2,
			values: func(m *Model) []want {
				ext2e, _ := m.Projection("ext2e")
				cells, _ := m.Group("cells")
				return []want{
					{"run.dt", m.Run.DT, "0.1 ms", 9, "run.dt"},
					{"constants[2]", m.Constants[2].Value, "0.02", 16, "constants.pconn"},
					{"constants[19]", m.Constants[19].Value, "50 ms", 33, "constants.stim_dur"},
					{"cells.size", cells.Size, "n", 36, "groups.cells.size"},
					{"cells.params[9]", cells.Params[9].Value, "Erev_inh", 38, "groups.cells.params.e_rev_I"},
					{"cells.init[0]", cells.Init[0].Value, "uniform(v_reset, v_thresh)", 39, "groups.cells.init.v"},
					{"ext2e.p", ext2e.Connector.P, "0.01", 87, "projections.ext2e.connector.p"},
					{"ext2e.weight", ext2e.Weight, "0.1 uS", 88, "projections.ext2e.weight"},
				}
			},
		},
		{
			file: "cuba.toml", constants: 19, groups: 3, projections: 4, subs: 2,
			values: func(m *Model) []want {
				i2i, _ := m.Projection("i2i")
				return []want{
					{"run.duration", m.Run.Duration, "1000 ms", 10, "run.duration"},
					{"constants[17]", m.Constants[17].Value, "Gexc*(Erev_exc - v_mean)", 31, "constants.w_exc"},
					{"i2i.weight", i2i.Weight, "w_inh", 74, "projections.i2i.weight"},
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			m := decodeFile(t, filepath.Join("..", "examples", tc.file))
			if got := len(m.Constants); got != tc.constants {
				t.Errorf("constants: got %d, want %d", got, tc.constants)
			}
			if got := len(m.Groups); got != tc.groups {
				t.Errorf("groups: got %d, want %d", got, tc.groups)
			}
			if got := len(m.Projections); got != tc.projections {
				t.Errorf("projections: got %d, want %d", got, tc.projections)
			}
			subs := 0
			for _, g := range m.Groups {
				if g.Slice != "" {
					subs++
				}
			}
			if subs != tc.subs {
				t.Errorf("sub-groups: got %d, want %d", subs, tc.subs)
			}
			for _, w := range tc.values(m) {
				if w.got.Text != w.text || w.got.Pos.Line != w.line || w.got.Pos.Key != w.pos || w.got.Pos.File != tc.file {
					t.Errorf("%s: got %q at %+v, want %q at %s:%d key %s", w.key, w.got.Text, w.got.Pos, w.text, tc.file, w.line, w.pos)
				}
			}
			if m.Run.Seed != 98765 {
				t.Errorf("seed: got %d, want 98765", m.Run.Seed)
			}
			if m.Source != tc.file || m.Name != strings.TrimSuffix(tc.file, ".toml") {
				t.Errorf("source, name: got %q, %q", m.Source, m.Name)
			}
			wantMon := Monitors{
				Spikes: []string{"exc", "inh"},
				State:  []StateMonitor{{Name: "v", Group: "exc", Vars: []string{"v"}, Indices: []int{0, 1}}},
			}
			gotMon := m.Monitors
			gotMon.State = append([]StateMonitor(nil), gotMon.State...)
			gotMon.State[0].Pos = Pos{}
			if !reflect.DeepEqual(gotMon, wantMon) {
				t.Errorf("monitors: got %+v, want %+v", gotMon, wantMon)
			}
		})
	}
}

// TestDecodeCOBAStructure spot-checks the non-Value fields and the order of
// the COBA example.
func TestDecodeCOBAStructure(t *testing.T) {
	t.Parallel()
	m := decodeFile(t, filepath.Join("..", "examples", "coba.toml"))
	var groups, projections []string
	for _, g := range m.Groups {
		groups = append(groups, g.Name)
	}
	for _, p := range m.Projections {
		projections = append(projections, p.Name)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"group order", groups, []string{"cells", "exc", "inh", "ext"}},
		{"projection order", projections, []string{"e2e", "e2i", "i2e", "i2i", "ext2e", "ext2i"}},
		{"cells model", m.Groups[0].Model, "IF_cond_exp"},
		{"cells pos", m.Groups[0].Pos, Pos{File: "coba.toml", Line: 35, Key: "groups.cells"}},
		{"first param", m.Groups[0].Params[0].Name, "cm"},
		{"last param", m.Groups[0].Params[9].Name, "e_rev_I"},
		{"exc slice", m.Groups[1].Slice, "cells[:n_exc]"},
		{"i2e pre/post", m.Projections[2].Pre + ">" + m.Projections[2].Post, "inh>exc"},
		{"i2e receptor", m.Projections[2].Receptor, "inhibitory"},
		{"i2e rule", m.Projections[2].Connector.Rule, "fixed_probability"},
		{"i2e connector pos", m.Projections[2].Connector.Pos, Pos{File: "coba.toml", Line: 71, Key: "projections.i2e.connector"}},
		{"run pos", m.Run.Pos.Line, 8},
		{"monitor pos", m.Monitors.State[0].Pos, Pos{File: "coba.toml", Line: 103, Key: "monitors.state.v"}},
		{"KeyPos post", m.KeyPos("projections.i2e.post"), Pos{File: "coba.toml", Line: 70, Key: "projections.i2e.post"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

// TestDecodeSpellings checks that the TOML spellings of the same table
// decode to the same model, and that numbers keep their text.
func TestDecodeSpellings(t *testing.T) {
	t.Parallel()
	const run = "[run]\ndt = 0.1e-3\nduration = \"1 s\"\n"
	tests := []struct {
		name string
		src  string
	}{
		{"sub-tables", run + `
[groups.g]
size = 1_000
model = "IF_curr_exp"
[groups.g.params]
tau_m = 20.0
cm = "0.25 nF"
[groups.g.init]
v = -65
`},
		{"inline tables", run + `
[groups]
g = { size = 1000, model = "IF_curr_exp", params = { tau_m = 20.0, cm = "0.25 nF" }, init = { v = -65 } }
`},
		{"dotted keys", `
groups.g.size = 0x3e8
groups.g.model = "IF_curr_exp"
groups.g.params.tau_m = 20.0
groups.g.params.cm = "0.25 nF"
groups.g.init.v = -65
` + run},
		{"mixed", run + `
[groups.g.params]
tau_m = 20.0
cm = "0.25 nF"
[groups.g]
size = 1000
model = "IF_curr_exp"
init.v = -65
`},
	}
	want := Group{
		Name:   "g",
		Size:   Value{Text: "1000"},
		Model:  "IF_curr_exp",
		Params: []Param{{"tau_m", Value{Text: "20.0"}}, {"cm", Value{Text: "0.25 nF"}}},
		Init:   []Param{{"v", Value{Text: "-65"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := Decode("t.toml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if m.Run.DT.Text != "0.1e-3" {
				t.Errorf("dt: got %q, want %q", m.Run.DT.Text, "0.1e-3")
			}
			g := m.Groups[0]
			g.Pos = Pos{}
			g.Size.Pos = Pos{}
			for i := range g.Params {
				g.Params[i].Value.Pos = Pos{}
			}
			for i := range g.Init {
				g.Init[i].Value.Pos = Pos{}
			}
			if !reflect.DeepEqual(g, want) {
				t.Errorf("got  %+v\nwant %+v", g, want)
			}
		})
	}
}

// TestDecodeEquationsAndLists covers the keys the examples do not use.
func TestDecodeEquationsAndLists(t *testing.T) {
	t.Parallel()
	src := `[run]
dt = "0.1 ms"
duration = "1 s"
seed = "18446744073709551615"

[groups.lif]
size = 10
equations = """
dv/dt = (El - v)/tau : volt (unless refractory)
"""
threshold = "v > -50*mV"
reset = "v = -60*mV"
refractory = "5 ms"
method = "exact"
params = { El = "-49 mV", tau = "20 ms" }

[groups.stim]
size = 2
model = "SpikeSourceArray"
spike_times = [
  ["1 ms", 5.5],
  [],
]

[projections.s2l]
pre = "stim"
post = "lif"
connector = { rule = "from_list", list = [[0, 1], [1, 9]] }
target = "v"
params = { w = "1 mV" }
on_pre = "v += w"

[projections.l2l]
pre = "lif"
post = "lif"
weight = "normal(1 mV, 0.1 mV)"
[projections.l2l.connector]
rule = "fixed_number_pre"
n = 3
allow_self_connections = false
with_replacement = true

[monitors.state.lv]
group = "lif"
vars = ["v"]
indices = "all"
every = "1 ms"
`
	m, err := Decode("eq.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lif, _ := m.Group("lif")
	stim, _ := m.Group("stim")
	s2l, _ := m.Projection("s2l")
	l2l, _ := m.Projection("l2l")
	no := false
	checks := []struct {
		name      string
		got, want any
	}{
		{"seed", m.Run.Seed, uint64(18446744073709551615)},
		{"equations", lif.Equations, "dv/dt = (El - v)/tau : volt (unless refractory)\n"},
		{"threshold", lif.Threshold, "v > -50*mV"},
		{"method", lif.Method, "exact"},
		{"refractory", lif.Refractory.Text, "5 ms"},
		{"spike_times", len(stim.SpikeTimes), 2},
		{"spike_times[0][1]", stim.SpikeTimes[0][1].Text, "5.5"},
		{"spike_times[0][1] pos", stim.SpikeTimes[0][1].Pos, Pos{File: "eq.toml", Line: 21, Key: "groups.stim.spike_times[0][1]"}},
		{"spike_times[1]", len(stim.SpikeTimes[1]), 0},
		{"list", s2l.Connector.List, [][]float64{{0, 1}, {1, 9}}},
		{"on_pre", s2l.OnPre, "v += w"},
		{"target", s2l.Target, "v"},
		{"n", l2l.Connector.N.Text, "3"},
		{"allow_self_connections", l2l.Connector.AllowSelfConnections, &no},
		{"with_replacement", l2l.Connector.WithReplacement, true},
		{"connector pos", l2l.Connector.Pos.Line, 37},
		{"indices all", m.Monitors.State[0].Indices, []int(nil)},
		{"every", m.Monitors.State[0].Every.Text, "1 ms"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

// validBase is a minimal valid model that the bad-input cases extend.
const validBase = `name = "t"

[run]
dt = "0.1 ms"
duration = "1 s"

[constants]
n = 10

[groups.cells]
size = "n"
model = "IF_curr_exp"
`

// TestDecodeErrors checks that each bad input gives its error at the right
// line. line counts from the top of src; validBase has 12 lines.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	const proj = `
[projections.p]
pre = "cells"
post = "cells"
`
	tests := []struct {
		name string
		src  string
		line int
		want string // the whole Error() text
	}{
		{"unknown top-level key", "nmae = \"x\"\n" + validBase, 1,
			`t.toml:1: unknown key "nmae"; valid keys: name, description, run, constants, groups, projections, monitors, outputs`},
		{"unknown group key", validBase + "sise = 3\n", 13,
			`t.toml:13: groups.cells: unknown key "sise"; valid keys: size, model, params, init, init_files, slice, equations, threshold, reset, refractory, method, spike_times`},
		{"unknown run key", strings.Replace(validBase, "duration", "duraton", 1), 5,
			`t.toml:5: run: unknown key "duraton"; valid keys: dt, duration, seed, record_from`},
		{"unknown connector key", validBase + proj + "connector = { rule = \"all_to_all\", prob = 1 }\n", 17,
			`t.toml:17: projections.p.connector: unknown key "prob"; valid keys: rule, p, n, allow_self_connections, with_replacement, condition, list, file, value`},
		{"unknown connector rule", validBase + proj + "connector = { rule = \"fixed_prob\", p = 0.1 }\n", 17,
			`t.toml:17: projections.p.connector.rule: unknown rule "fixed_prob"; valid rules: fixed_probability, all_to_all, one_to_one, fixed_number_pre, fixed_number_post, from_list, from_file`},
		{"missing pre", validBase + "\n[projections.p]\npost = \"cells\"\nconnector = { rule = \"one_to_one\" }\n", 14,
			`t.toml:14: projections.p: missing required key "pre"`},
		{"projection to an unknown group", validBase + "\n[projections.p]\npre = \"cells\"\npost = \"exc\"\nconnector = { rule = \"one_to_one\" }\n", 16,
			`t.toml:16: projections.p.post: unknown group "exc"; valid groups: cells`},
		{"missing connector", validBase + proj, 14,
			`t.toml:14: projections.p: missing required key "connector"`},
		{"p given for all_to_all", validBase + proj + "[projections.p.connector]\nrule = \"all_to_all\"\np = 0.1\n", 19,
			`t.toml:19: projections.p.connector.p: rule "all_to_all" takes no "p"; valid keys for all_to_all: rule, allow_self_connections, condition`},
		{"p missing for fixed_probability", validBase + proj + "connector = { rule = \"fixed_probability\" }\n", 17,
			`t.toml:17: projections.p.connector: missing required key "p" for rule "fixed_probability"`},
		{"n missing for fixed_number_post", validBase + proj + "connector = { rule = \"fixed_number_post\", p = 0.1 }\n", 17,
			`t.toml:17: projections.p.connector.p: rule "fixed_number_post" takes no "p"; valid keys for fixed_number_post: rule, n, allow_self_connections, with_replacement`},
		{"bad receptor", validBase + proj + "connector = { rule = \"one_to_one\" }\nreceptor = \"exc\"\n", 18,
			`t.toml:18: projections.p.receptor: unknown receptor "exc"; valid receptors: excitatory, inhibitory`},
		{"bad list row", validBase + proj + "connector = { rule = \"from_list\", list = [[0, 1], [0, 1, 2]] }\n", 17,
			`t.toml:17: projections.p.connector.list[1]: expected a row [i, j] or [i, j, weight, delay], got 3 numbers`},
		{"bad TOML syntax", validBase + "model2 \"x\"\n", 13,
			"t.toml:13:8: syntax error: expected '=' after key\n    model2 \"x\"\n           ^"},
		{"unterminated string", "name = \"coba\n", 1,
			"t.toml:1:13: syntax error: basic strings cannot have new lines\n    name = \"coba\n                ^"},
		{"duplicate constant", validBase + "[constants]\n", 13,
			`t.toml:13: constants: duplicate key, first defined at line 7`},
		{"duplicate constant key", strings.Replace(validBase, "n = 10", "n = 10\nn = \"20\"", 1), 9,
			`t.toml:9: constants.n: duplicate key, first defined at line 8`},
		{"missing run.dt", strings.Replace(validBase, "dt = \"0.1 ms\"\n", "", 1), 3,
			`t.toml:3: run: missing required key "dt"`},
		{"missing run", strings.Replace(validBase, "[run]\ndt = \"0.1 ms\"\nduration = \"1 s\"\n", "", 1), 0,
			`t.toml: run: missing required key "dt"`},
		{"negative monitor index", validBase + "[monitors.state.v]\ngroup = \"cells\"\nvars = [\"v\"]\nindices = [0,\n  -1]\n", 17,
			`t.toml:17: monitors.state.v.indices[1]: index -1 is negative; indices count cells of the group from 0`},
		{"size as an array", strings.Replace(validBase, `size = "n"`, "size = [1]", 1), 11,
			`t.toml:11: groups.cells.size: expected a string or number, got array`},
		{"seed as a float", strings.Replace(validBase, "[run]\n", "[run]\nseed = 1.5\n", 1), 4,
			`t.toml:4: run.seed: expected a non-negative integer, got float`},
		{"params as a string", validBase + "params = \"x\"\n", 13,
			`t.toml:13: groups.cells.params: expected a table, got string`},
		{"empty value", validBase + "params = { cm = \" \" }\n", 13,
			`t.toml:13: groups.cells.params.cm: expected a non-empty string or a number`},
		{"boolean value", validBase + "params = { cm = true }\n", 13,
			`t.toml:13: groups.cells.params.cm: expected a string or number, got boolean`},
		{"non-finite number", validBase + "params = { cm = inf }\n", 13,
			`t.toml:13: groups.cells.params.cm: expected a finite number, got inf`},
		{"group name not an identifier", validBase + "[groups.2x]\nslice = \"cells[:2]\"\n", 13,
			`t.toml:13: groups.2x: group name "2x" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)`},
		{"sub-group with size", validBase + "[groups.exc]\nslice = \"cells[:2]\"\nsize = 2\n", 15,
			`t.toml:15: groups.exc.size: not allowed in a sub-group: a sub-group (slice) takes only init and init_files`},
		{"slice of unknown group", validBase + "[groups.exc]\nslice = \"cels[:2]\"\n", 14,
			`t.toml:14: groups.exc.slice: unknown group "cels"; valid groups: cells, exc`},
		{"bad slice", validBase + "[groups.exc]\nslice = \"cells[2]\"\n", 14,
			`t.toml:14: groups.exc.slice: slice "cells[2]" is not of the form group[start:stop]`},
		{"model and equations", validBase + "equations = \"dv/dt = -v/tau : 1\"\n", 13,
			`t.toml:13: groups.cells.equations: model and equations are exclusive: a group is either the catalog model "IF_curr_exp" or defined by equations`},
		{"threshold with a catalog model", validBase + "threshold = \"v > 1\"\n", 13,
			`t.toml:13: groups.cells.threshold: only for groups defined by equations; model "IF_curr_exp" brings its own`},
		{"root group without size", strings.Replace(validBase, "size = \"n\"\n", "", 1), 10,
			`t.toml:10: groups.cells: missing required key "size"`},
		{"state monitor without vars", validBase + "[monitors.state.v]\ngroup = \"cells\"\n", 13,
			`t.toml:13: monitors.state.v: missing required key "vars"`},
		{"spike monitor of unknown group", validBase + "[monitors]\nspikes = [\"cells\", \"exc\"]\n", 14,
			`t.toml:14: monitors.spikes[1]: unknown group "exc"; valid groups: cells`},
		{"indices string", validBase + "[monitors.state.v]\ngroup = \"cells\"\nvars = [\"v\"]\nindices = \"some\"\n", 16,
			`t.toml:16: monitors.state.v.indices: expected an array of integers or "all", got "some"`},
		{"array of tables", validBase + "[[projections]]\npre = \"cells\"\n", 13,
			`t.toml:13: projections: expected a table, got array of tables`},
		{"reopened inline table", validBase + "params = { cm = 1 }\n[groups.cells.params]\n", 14,
			`t.toml:14: groups.cells.params: duplicate key, first defined at line 13`},
		{"extended inline table", validBase + "params = { cm = 1 }\nparams.tau_m = 2\n", 14,
			`t.toml:14: groups.cells.params: cannot extend the inline table of line 13`},
		{"dotted key into a header table", validBase + "[groups]\ncells.init.v = 1\n", 14,
			`t.toml:14: groups.cells: cannot add dotted keys to the table defined at line 10; write them under its header`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := Decode("t.toml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error; decoded %+v", m)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if e.Pos.Line != tc.line {
				t.Errorf("line: got %d, want %d (%v)", e.Pos.Line, tc.line, err)
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
		})
	}
}

// TestDecodeTestdata pins the outcome of the fuzz seeds in testdata: the
// valid file decodes, each broken one fails with its first error.
func TestDecodeTestdata(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want string // first line of the error; "" for success
	}{
		{"equations.toml", ""},
		{"bad_syntax.toml", "bad_syntax.toml:2:5: syntax error: expected ']' to close table name"},
		{"bad_schema.toml", "bad_schema.toml:6: groups.cells.size: expected a string or number, got array"},
		{"bad_tables.toml", "bad_tables.toml:4: groups.cells.params: duplicate key, first defined at line 3"},
		{"bad_references.toml", `bad_references.toml:11: projections.p.post: unknown group "nowhere"; valid groups: cells, exc`},
		{"bad_bytes.toml", "bad_bytes.toml:1:12: syntax error: invalid UTF-8 character in basic string"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Decode(tc.file, data)
			got := ""
			if err != nil {
				got, _, _ = strings.Cut(err.Error(), "\n")
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
