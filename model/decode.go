package model

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Valid keys of each table of a model file, in the order the documentation
// lists them. Unknown-key errors print these lists.
var (
	topKeys        = []string{"name", "description", "run", "constants", "groups", "projections", "monitors", "outputs"}
	outputKeys     = []string{"raster_tmax", "trace_tmax", "connectivity", "spike_trains", "figure", "synapses"}
	figureKeys     = []string{"file", "inset_start", "inset_end", "activity_max", "synapses", "synapses_min", "synapses_max"}
	connOutKeys    = []string{"file", "group", "values"}
	trainsOutKeys  = []string{"file", "group"}
	runKeys        = []string{"dt", "duration", "seed", "record_from"}
	groupKeys      = []string{"size", "model", "params", "init", "init_files", "slice", "equations", "threshold", "reset", "refractory", "method", "spike_times"}
	initFileKeys   = []string{"file", "unit"}
	projectionKeys = []string{"pre", "post", "connector", "weight", "delay", "receptor", "target", "synapse", "params", "on_pre", "on_post", "equations", "method"}
	connectorKeys  = []string{"rule", "p", "n", "allow_self_connections", "with_replacement", "condition", "list", "file", "value"}
	monitorKeys    = []string{"spikes", "state", "rate", "synapses"}
	rateKeys       = []string{"group", "bin"}
	synapseMonKeys = []string{"projection", "var", "every"}
	stateKeys      = []string{"group", "vars", "indices", "every"}
)

// Decode parses a model file strictly. file is the name used in error
// messages and becomes Model.Source. Every key must be known, every value of
// the expected TOML type, and the result must pass Validate. Errors are
// *Error; decoding stops at the first one, in document order.
func Decode(file string, data []byte) (*Model, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	root, lines, err := parseTOML(file, data)
	if err != nil {
		return nil, err
	}
	m := &Model{Source: file, lines: lines}
	d := decoder{file: file}
	if err := d.model(root, m); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// decoder maps a TOML tree onto the model structs.
type decoder struct {
	file string
}

func (d *decoder) pos(n *tnode) Pos {
	return Pos{File: d.file, Line: n.line, Key: n.path}
}

func (d *decoder) errorf(n *tnode, format string, args ...any) error {
	return &Error{Pos: d.pos(n), Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) typeError(n *tnode, want string) error {
	return d.errorf(n, "expected %s, got %s", want, n.typeName())
}

// each calls f for every key of table t in document order, after checking
// that the key is one of valid.
func (d *decoder) each(t *tnode, valid []string, f func(key string, n *tnode) error) error {
	if err := d.table(t); err != nil {
		return err
	}
	for _, key := range t.keys {
		n := t.fields[key]
		if !slices.Contains(valid, key) {
			return &Error{
				Pos: Pos{File: d.file, Line: n.line, Key: t.path},
				Msg: fmt.Sprintf("unknown key %q; valid keys: %s", key, strings.Join(valid, ", ")),
			}
		}
		if err := f(key, n); err != nil {
			return err
		}
	}
	return nil
}

// entries calls f for every key of table t in document order: the tables
// whose keys are names (constants, groups, params, ...).
func (d *decoder) entries(t *tnode, f func(name string, n *tnode) error) error {
	if err := d.table(t); err != nil {
		return err
	}
	for _, key := range t.keys {
		if err := f(key, t.fields[key]); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) table(n *tnode) error {
	if n.kind != kTable {
		return d.typeError(n, "a table")
	}
	return nil
}

// str decodes a string that may be empty.
func (d *decoder) str(n *tnode) (string, error) {
	if n.kind != kString {
		return "", d.typeError(n, "a string")
	}
	return n.text, nil
}

// text decodes a non-empty string: a name, an equation, a statement.
func (d *decoder) text(n *tnode) (string, error) {
	s, err := d.str(n)
	if err == nil && strings.TrimSpace(s) == "" {
		err = d.errorf(n, "expected a non-empty string")
	}
	return s, err
}

// value decodes a Value: a non-empty string, or a number kept as its text.
func (d *decoder) value(n *tnode) (Value, error) {
	switch n.kind {
	case kString:
		if strings.TrimSpace(n.text) == "" {
			return Value{}, d.errorf(n, "expected a non-empty string or a number")
		}
	case kInteger, kFloat:
	default:
		return Value{}, d.typeError(n, "a string or number")
	}
	return Value{Text: n.text, Pos: d.pos(n)}, nil
}

func (d *decoder) boolean(n *tnode) (bool, error) {
	if n.kind != kBool {
		return false, d.typeError(n, "a boolean")
	}
	return n.text == "true", nil
}

func (d *decoder) array(n *tnode, want string) error {
	if n.kind != kArray || n.aot {
		return d.typeError(n, want)
	}
	return nil
}

// names decodes an array of strings.
func (d *decoder) names(n *tnode) ([]string, error) {
	if err := d.array(n, "an array of strings"); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(n.items))
	for _, it := range n.items {
		s, err := d.text(it)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// params decodes a table of named values in document order.
func (d *decoder) params(n *tnode) ([]Param, error) {
	var out []Param
	err := d.entries(n, func(name string, n *tnode) error {
		v, err := d.value(n)
		out = append(out, Param{Name: name, Value: v})
		return err
	})
	return out, err
}

func (d *decoder) model(root *tnode, m *Model) error {
	return d.each(root, topKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "name":
			m.Name, err = d.text(n)
		case "description":
			m.Description, err = d.str(n)
		case "run":
			err = d.run(n, &m.Run)
		case "constants":
			err = d.entries(n, func(name string, n *tnode) error {
				v, err := d.value(n)
				m.Constants = append(m.Constants, Constant{Name: name, Value: v})
				return err
			})
		case "groups":
			err = d.entries(n, func(name string, n *tnode) error {
				g, err := d.group(name, n)
				m.Groups = append(m.Groups, g)
				return err
			})
		case "projections":
			err = d.entries(n, func(name string, n *tnode) error {
				p, err := d.projection(name, n)
				m.Projections = append(m.Projections, p)
				return err
			})
		case "monitors":
			err = d.monitors(n, &m.Monitors)
		case "outputs":
			err = d.outputs(n, &m.Outputs)
		}
		return err
	})
}

func (d *decoder) outputs(t *tnode, o *Outputs) error {
	o.Pos = d.pos(t)
	return d.each(t, outputKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "raster_tmax":
			o.RasterTMax, err = d.value(n)
		case "trace_tmax":
			o.TraceTMax, err = d.value(n)
		case "connectivity":
			c := &ConnectivityOutput{Pos: d.pos(n)}
			o.Connectivity = c
			err = d.each(n, connOutKeys, func(key string, n *tnode) (err error) {
				switch key {
				case "file":
					c.File, err = d.text(n)
				case "group":
					c.Group, err = d.text(n)
				case "values":
					c.Values, err = d.params(n)
				}
				return err
			})
		case "synapses":
			o.SynapsesPos = d.pos(n)
			o.Synapses, err = d.names(n)
		case "figure":
			f := &FigureOutput{Pos: d.pos(n)}
			o.Figure = f
			err = d.each(n, figureKeys, func(key string, n *tnode) (err error) {
				switch key {
				case "file":
					f.File, err = d.text(n)
				case "inset_start":
					f.InsetStart, err = d.value(n)
				case "inset_end":
					f.InsetEnd, err = d.value(n)
				case "activity_max":
					f.ActivityMax, err = d.value(n)
				case "synapses":
					f.Synapses, err = d.text(n)
				case "synapses_min":
					f.SynapsesMin, err = d.value(n)
				case "synapses_max":
					f.SynapsesMax, err = d.value(n)
				}
				return err
			})
		case "spike_trains":
			s := &SpikeTrainsOutput{Pos: d.pos(n)}
			o.SpikeTrains = s
			err = d.each(n, trainsOutKeys, func(key string, n *tnode) (err error) {
				switch key {
				case "file":
					s.File, err = d.text(n)
				case "group":
					s.Group, err = d.text(n)
				}
				return err
			})
		}
		return err
	})
}

func (d *decoder) run(t *tnode, r *Run) error {
	r.Pos = d.pos(t)
	return d.each(t, runKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "dt":
			r.DT, err = d.value(n)
		case "duration":
			r.Duration, err = d.value(n)
		case "seed":
			r.Seed, err = d.seed(n)
		case "record_from":
			r.RecordFrom, err = d.value(n)
		}
		return err
	})
}

// seed decodes a non-negative integer, given as a TOML integer or, for seeds
// above 2⁶³-1, as a string.
func (d *decoder) seed(n *tnode) (uint64, error) {
	if n.kind != kInteger && n.kind != kString {
		return 0, d.typeError(n, "a non-negative integer")
	}
	s, err := strconv.ParseUint(strings.TrimPrefix(n.text, "+"), 10, 64)
	if err != nil {
		return 0, d.errorf(n, "expected a non-negative integer below 2^64, got %q", n.text)
	}
	return s, nil
}

func (d *decoder) group(name string, t *tnode) (Group, error) {
	g := Group{Name: name, Pos: d.pos(t)}
	err := d.each(t, groupKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "size":
			g.Size, err = d.value(n)
		case "model":
			g.Model, err = d.text(n)
		case "params":
			g.Params, err = d.params(n)
		case "init":
			g.Init, err = d.params(n)
		case "init_files":
			err = d.entries(n, func(name string, n *tnode) error {
				f := InitFile{Var: name, Pos: d.pos(n)}
				err := d.each(n, initFileKeys, func(key string, n *tnode) (err error) {
					switch key {
					case "file":
						f.File, err = d.text(n)
					case "unit":
						f.Unit, err = d.text(n)
					}
					return err
				})
				g.InitFiles = append(g.InitFiles, f)
				return err
			})
		case "slice":
			g.Slice, err = d.text(n)
		case "equations":
			g.Equations, err = d.text(n)
		case "threshold":
			g.Threshold, err = d.text(n)
		case "reset":
			g.Reset, err = d.text(n)
		case "refractory":
			g.Refractory, err = d.value(n)
		case "method":
			g.Method, err = d.text(n)
		case "spike_times":
			g.SpikeTimes, err = d.spikeTimes(n)
		}
		return err
	})
	return g, err
}

// spikeTimes decodes an array with one array of times per cell.
func (d *decoder) spikeTimes(n *tnode) ([][]Value, error) {
	const want = "an array of arrays of times (one array per cell)"
	if err := d.array(n, want); err != nil {
		return nil, err
	}
	out := make([][]Value, 0, len(n.items))
	for _, cell := range n.items {
		if err := d.array(cell, want); err != nil {
			return nil, err
		}
		times := make([]Value, 0, len(cell.items))
		for _, t := range cell.items {
			v, err := d.value(t)
			if err != nil {
				return nil, err
			}
			times = append(times, v)
		}
		out = append(out, times)
	}
	return out, nil
}

func (d *decoder) projection(name string, t *tnode) (Projection, error) {
	p := Projection{Name: name, Pos: d.pos(t)}
	err := d.each(t, projectionKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "pre":
			p.Pre, err = d.text(n)
		case "post":
			p.Post, err = d.text(n)
		case "connector":
			err = d.connector(n, &p.Connector)
		case "method":
			p.Method, err = d.text(n)
		case "weight":
			p.Weight, err = d.value(n)
		case "delay":
			p.Delay, err = d.value(n)
		case "receptor":
			p.Receptor, err = d.text(n)
		case "target":
			p.Target, err = d.text(n)
		case "synapse":
			p.Synapse, err = d.text(n)
		case "params":
			p.Params, err = d.params(n)
		case "on_pre":
			p.OnPre, err = d.text(n)
		case "on_post":
			p.OnPost, err = d.text(n)
		case "equations":
			p.Eqs, err = d.text(n)
		}
		return err
	})
	return p, err
}

func (d *decoder) connector(t *tnode, c *Connector) error {
	c.Pos = d.pos(t)
	return d.each(t, connectorKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "rule":
			c.Rule, err = d.text(n)
		case "p":
			c.P, err = d.value(n)
		case "n":
			c.N, err = d.value(n)
		case "allow_self_connections":
			var b bool
			b, err = d.boolean(n)
			c.AllowSelfConnections = &b
		case "with_replacement":
			c.WithReplacement, err = d.boolean(n)
		case "condition":
			c.Condition, err = d.text(n)
		case "list":
			c.List, err = d.list(n)
		case "file":
			c.File, err = d.text(n)
		case "value":
			c.Value, err = d.value(n)
		}
		return err
	})
}

// list decodes the rows of a from_list connector: arrays of numbers.
func (d *decoder) list(n *tnode) ([][]float64, error) {
	const want = "an array of rows [i, j] or [i, j, weight, delay]"
	if err := d.array(n, want); err != nil {
		return nil, err
	}
	rows := make([][]float64, 0, len(n.items))
	for _, r := range n.items {
		if err := d.array(r, want); err != nil {
			return nil, err
		}
		row := make([]float64, 0, len(r.items))
		for _, x := range r.items {
			if x.kind != kInteger && x.kind != kFloat {
				return nil, d.typeError(x, "a number")
			}
			f, err := strconv.ParseFloat(x.text, 64)
			if err != nil {
				return nil, d.errorf(x, "invalid number %s", x.text)
			}
			row = append(row, f)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func (d *decoder) monitors(t *tnode, m *Monitors) error {
	return d.each(t, monitorKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "spikes":
			m.Spikes, err = d.names(n)
		case "state":
			err = d.entries(n, func(name string, n *tnode) error {
				s, err := d.stateMonitor(name, n)
				m.State = append(m.State, s)
				return err
			})
		case "synapses":
			err = d.entries(n, func(name string, n *tnode) error {
				s := SynapseMonitor{Name: name, Pos: d.pos(n)}
				err := d.each(n, synapseMonKeys, func(key string, n *tnode) (err error) {
					switch key {
					case "projection":
						s.Projection, err = d.text(n)
					case "var":
						s.Var, err = d.text(n)
					case "every":
						s.Every, err = d.value(n)
					}
					return err
				})
				m.Synapses = append(m.Synapses, s)
				return err
			})
		case "rate":
			err = d.entries(n, func(name string, n *tnode) error {
				r := RateMonitor{Name: name, Pos: d.pos(n)}
				err := d.each(n, rateKeys, func(key string, n *tnode) (err error) {
					switch key {
					case "group":
						r.Group, err = d.text(n)
					case "bin":
						r.Bin, err = d.value(n)
					}
					return err
				})
				m.Rate = append(m.Rate, r)
				return err
			})
		}
		return err
	})
}

func (d *decoder) stateMonitor(name string, t *tnode) (StateMonitor, error) {
	s := StateMonitor{Name: name, Pos: d.pos(t)}
	err := d.each(t, stateKeys, func(key string, n *tnode) (err error) {
		switch key {
		case "group":
			s.Group, err = d.text(n)
		case "vars":
			s.Vars, err = d.names(n)
		case "indices":
			s.Indices, err = d.indices(n)
		case "every":
			s.Every, err = d.value(n)
		}
		return err
	})
	return s, err
}

// indices decodes an array of integers, or "all" (nil).
func (d *decoder) indices(n *tnode) ([]int, error) {
	const want = `an array of integers or "all"`
	if n.kind == kString {
		if n.text != "all" {
			return nil, d.errorf(n, "expected %s, got %q", want, n.text)
		}
		return nil, nil
	}
	if err := d.array(n, want); err != nil {
		return nil, err
	}
	if len(n.items) == 0 {
		return nil, d.errorf(n, `expected %s, got an empty array`, want)
	}
	out := make([]int, 0, len(n.items))
	for _, x := range n.items {
		if x.kind != kInteger {
			return nil, d.typeError(x, "an integer")
		}
		i, err := strconv.Atoi(strings.TrimPrefix(x.text, "+"))
		if err != nil {
			return nil, d.errorf(x, "integer %s is out of range", x.text)
		}
		out = append(out, i)
	}
	return out, nil
}
