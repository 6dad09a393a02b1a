package model

import (
	"errors"
	"testing"
)

// apiModel is a small valid model as the Go API builds it: no file, no
// positions.
func apiModel() *Model {
	v := func(s string) Value { return Value{Text: s} }
	return &Model{
		Name: "api",
		Run:  Run{DT: v("0.1 ms"), Duration: v("1 s"), Seed: 1},
		Constants: []Constant{
			{Name: "n", Value: v("100")},
			{Name: "w", Value: v("1 nS")},
		},
		Groups: []Group{
			{Name: "cells", Size: v("n"), Model: "IF_cond_exp", Params: []Param{{Name: "tau_m", Value: v("20 ms")}}},
			{Name: "exc", Slice: "cells[:80]", Init: []Param{{Name: "v", Value: v("-60 mV")}}},
			{Name: "lif", Size: v("10"), Equations: "dv/dt = -v/tau : volt", Threshold: "v > 1*mV", Reset: "v = 0*mV", Refractory: v("2 ms")},
			{Name: "src", Size: v("2"), Model: "SpikeSourceArray", SpikeTimes: [][]Value{{v("1 ms")}, {}}},
		},
		Projections: []Projection{
			{Name: "e2e", Pre: "exc", Post: "cells", Connector: Connector{Rule: "fixed_probability", P: v("0.1")}, Weight: v("w"), Receptor: "excitatory"},
			{Name: "s2l", Pre: "src", Post: "lif", Connector: Connector{Rule: "from_list", List: [][]float64{{0, 1, 0.5, 1}, {1, 9, 0.5, 1}}}, Target: "v"},
			{Name: "l2l", Pre: "lif", Post: "lif", Connector: Connector{Rule: "fixed_number_pre", N: v("3"), WithReplacement: true}, Params: []Param{{Name: "w", Value: v("1 mV")}}, OnPre: "v += w"},
		},
		Monitors: Monitors{
			Spikes: []string{"exc", "lif"},
			State:  []StateMonitor{{Name: "v", Group: "lif", Vars: []string{"v"}, Indices: []int{0, 9}}},
		},
	}
}

func TestValidateAPIModel(t *testing.T) {
	t.Parallel()
	if err := apiModel().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestValidateErrors breaks the valid apiModel one way per case. A Go API
// model has no file or lines, so the error is "key: message".
func TestValidateErrors(t *testing.T) {
	t.Parallel()
	yes := true
	tests := []struct {
		name   string
		change func(m *Model)
		want   string
	}{
		{"name with a slash", func(m *Model) { m.Name = "a/b" },
			`name: "a/b" cannot name an output directory; use letters, digits, '-', '_' and '.'`},
		{"missing duration", func(m *Model) { m.Run.Duration = Value{} },
			`run: missing required key "duration"`},
		{"duplicate constant", func(m *Model) { m.Constants[1].Name = "n" },
			`constants.n: duplicate constant name "n"`},
		{"empty constant", func(m *Model) { m.Constants[1].Value = Value{} },
			`constants.w: empty value`},
		{"constant name with a dot", func(m *Model) { m.Constants[1].Name = "a.b" },
			`constants."a.b": constant name "a.b" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)`},
		{"duplicate group", func(m *Model) { m.Groups[2].Name = "cells" },
			`groups.cells: duplicate group name "cells"`},
		{"root group without model or equations", func(m *Model) { m.Groups[0].Model = "" },
			`groups.cells: missing required key "model" or "equations"`},
		{"sub-group of a sub-group", func(m *Model) { m.Groups[1].Slice = "exc[:2]" },
			`groups.exc.slice: "exc" is itself a sub-group; slice its root group instead`},
		{"sub-group with a model", func(m *Model) { m.Groups[1].Model = "IF_cond_exp" },
			`groups.exc.model: not allowed in a sub-group: a sub-group (slice) takes only init and init_files`},
		{"spike times without SpikeSourceArray", func(m *Model) { m.Groups[0].SpikeTimes = [][]Value{} },
			`groups.cells.spike_times: only for model "SpikeSourceArray"`},
		{"figure with half an inset", func(m *Model) {
			m.Monitors.Rate = []RateMonitor{{Name: "r", Group: "lif"}}
			m.Outputs.Figure = &FigureOutput{File: "f.png", InsetStart: Value{Text: "1 ms"}}
		}, `outputs.figure: give both inset_start and inset_end, or neither`},
		{"figure without rate monitors", func(m *Model) { m.Outputs.Figure = &FigureOutput{File: "f.png"} },
			`outputs.figure: the figure needs spike monitors (its raster) and rate monitors (its activity panel)`},
		{"figure of an unknown synapse monitor", func(m *Model) {
			m.Monitors.Rate = []RateMonitor{{Name: "r", Group: "lif"}}
			m.Outputs.Figure = &FigureOutput{File: "f.png", Synapses: "w"}
		}, `outputs.figure.synapses: unknown synapse monitor "w"`},
		{"figure not a png", func(m *Model) { m.Outputs.Figure = &FigureOutput{File: "f.svg"} },
			`outputs.figure.file: "f.svg" must be a plain file name ending in .png (it is written in the output directory)`},
		{"duplicate param", func(m *Model) { m.Groups[1].Init = append(m.Groups[1].Init, m.Groups[1].Init[0]) },
			`groups.exc.init.v: duplicate parameter name "v"`},
		{"missing post", func(m *Model) { m.Projections[0].Post = "" },
			`projections.e2e: missing required key "post"`},
		{"unknown pre", func(m *Model) { m.Projections[0].Pre = "inh" },
			`projections.e2e.pre: unknown group "inh"; valid groups: cells, exc, lif, src`},
		{"missing rule", func(m *Model) { m.Projections[0].Connector.Rule = "" },
			`projections.e2e.connector: missing required key "rule"`},
		{"missing connector", func(m *Model) { m.Projections[0].Connector = Connector{} },
			`projections.e2e: missing required key "connector"`},
		{"with_replacement for fixed_probability", func(m *Model) { m.Projections[0].Connector.WithReplacement = true },
			`projections.e2e.connector.with_replacement: rule "fixed_probability" takes no "with_replacement"; valid keys for fixed_probability: rule, p, allow_self_connections, condition`},
		{"allow_self_connections for one_to_one", func(m *Model) {
			m.Projections[0].Connector = Connector{Rule: "one_to_one", AllowSelfConnections: &yes}
		}, `projections.e2e.connector.allow_self_connections: rule "one_to_one" takes no "allow_self_connections"; valid keys for one_to_one: rule`},
		{"file missing for from_file", func(m *Model) { m.Projections[0].Connector = Connector{Rule: "from_file"} },
			`projections.e2e.connector: missing required key "file" for rule "from_file"`},
		{"fractional index in list", func(m *Model) { m.Projections[1].Connector.List[1][0] = 0.5 },
			`projections.s2l.connector.list[1]: i = 0.5 is not a cell index (a whole number from 0)`},
		{"negative index in list", func(m *Model) { m.Projections[1].Connector.List[0][1] = -1 },
			`projections.s2l.connector.list[0]: j = -1 is not a cell index (a whole number from 0)`},
		{"ragged list", func(m *Model) { m.Projections[1].Connector.List[1] = []float64{0, 1} },
			`projections.s2l.connector.list[1]: expected 4 numbers like the first row, got 2`},
		{"receptor and target", func(m *Model) { m.Projections[1].Receptor = "inhibitory" },
			`projections.s2l.target: receptor and target are exclusive: receptor picks the input of a catalog model, target names a variable of an equation model`},
		{"synapse and on_pre", func(m *Model) { m.Projections[2].Synapse = "StaticSynapse" },
			`projections.l2l.on_pre: synapse and on_pre are exclusive: on_pre belongs to synapses defined by equations`},
		{"spikes listed twice", func(m *Model) { m.Monitors.Spikes = append(m.Monitors.Spikes, "exc") },
			`monitors.spikes[2]: group "exc" is listed twice`},
		{"state monitor without group", func(m *Model) { m.Monitors.State[0].Group = "" },
			`monitors.state.v: missing required key "group"`},
		{"duplicate var", func(m *Model) { m.Monitors.State[0].Vars = []string{"v", "v"} },
			`monitors.state.v.vars[1]: duplicate variable name "v"`},
		{"empty indices", func(m *Model) { m.Monitors.State[0].Indices = []int{} },
			`monitors.state.v.indices: empty; leave indices out or write "all" to record every cell`},
		{"negative index", func(m *Model) { m.Monitors.State[0].Indices[1] = -3 },
			`monitors.state.v.indices[1]: index -3 is negative; indices count cells of the group from 0`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := apiModel()
			tc.change(m)
			err := m.Validate()
			if err == nil {
				t.Fatal("no error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
		})
	}
}

func TestSplitSlice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in                 string
		group, start, stop string
		ok                 bool
	}{
		{"cells[:n_exc]", "cells", "", "n_exc", true},
		{"cells[n_exc:]", "cells", "n_exc", "", true},
		{" G[(Ne+1) : Ne+Ni] ", "G", "(Ne+1)", "Ne+Ni", true},
		{"G[:]", "G", "", "", true},
		{"G[1]", "", "", "", false},
		{"G[1:2:3]", "", "", "", false},
		{"G", "", "", "", false},
		{"[1:2]", "", "", "", false},
		{"1G[1:2]", "", "", "", false},
		{"G[1:2", "", "", "", false},
	}
	for _, tc := range tests {
		group, start, stop, err := SplitSlice(tc.in)
		if (err == nil) != tc.ok || group != tc.group || start != tc.start || stop != tc.stop {
			t.Errorf("SplitSlice(%q) = %q, %q, %q, %v; want %q, %q, %q, ok %v", tc.in, group, start, stop, err, tc.group, tc.start, tc.stop, tc.ok)
		}
	}
}
