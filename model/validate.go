package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// connectorRule lists the keys a connector rule takes.
type connectorRule struct {
	name     string
	required string   // key the rule cannot do without; "" for none
	keys     []string // every key the rule takes, besides "rule"
}

// connectorRules are the connectivity rules, with PyNN's names.
var connectorRules = []connectorRule{
	{"fixed_probability", "p", []string{"p", "allow_self_connections", "condition"}},
	{"all_to_all", "", []string{"allow_self_connections", "condition"}},
	{"one_to_one", "", nil},
	{"fixed_number_pre", "n", []string{"n", "allow_self_connections", "with_replacement"}},
	{"fixed_number_post", "n", []string{"n", "allow_self_connections", "with_replacement"}},
	{"from_list", "list", []string{"list"}},
	{"from_file", "file", []string{"file", "value"}},
}

// Receptors are the values of Projection.Receptor.
var receptors = []string{"excitatory", "inhibitory"}

// Validate checks the structure of a model: required keys are present, names
// are identifiers and unique in their kind, groups, projections and monitors
// have the keys their kind needs and no others, and references name existing
// groups. It does not look at what values, expressions and equations mean:
// that is checked at build time. It returns the first *Error found, in the
// order run, constants, groups, projections, monitors.
func (m *Model) Validate() error {
	v := validator{m: m}
	for _, check := range []func() error{v.name, v.run, v.constants, v.groups, v.projections, v.monitors, v.outputs} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

type validator struct {
	m *Model
}

// errorf makes an error at the line of a dotted key.
func (v validator) errorf(key, format string, args ...any) error {
	return &Error{Pos: v.m.KeyPos(key), Msg: fmt.Sprintf(format, args...)}
}

// missing reports a required key missing from a table.
func (v validator) missing(table, key string) error {
	return v.errorf(table, "missing required key %q", key)
}

// ident checks that name is an identifier not seen before among its kind.
func (v validator) ident(key, kind, name string, seen map[string]bool) error {
	if !isIdent(name) {
		return v.errorf(key, "%s name %q is not an identifier ([A-Za-z_][A-Za-z0-9_]*)", kind, name)
	}
	if seen[name] {
		return v.errorf(key, "duplicate %s name %q", kind, name)
	}
	seen[name] = true
	return nil
}

// isIdent reports whether s matches [A-Za-z_][A-Za-z0-9_]*.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// groupNames lists the names of the groups, for unknown-group errors.
func (v validator) groupNames() string {
	names := make([]string, len(v.m.Groups))
	for i, g := range v.m.Groups {
		names[i] = g.Name
	}
	if len(names) == 0 {
		return "the model has no groups"
	}
	return "valid groups: " + strings.Join(names, ", ")
}

// groupRef checks that key names an existing group.
func (v validator) groupRef(key, table, name string) error {
	if name == "" {
		return v.missing(table, key[len(table)+1:])
	}
	if _, ok := v.m.Group(name); !ok {
		return v.errorf(key, "unknown group %q; %s", name, v.groupNames())
	}
	return nil
}

func (v validator) name() error {
	n := v.m.Name
	if n == "." || n == ".." || strings.ContainsAny(n, `/\`) || strings.ContainsFunc(n, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return v.errorf("name", "%q cannot name an output directory; use letters, digits, '-', '_' and '.'", n)
	}
	return nil
}

func (v validator) run() error {
	if v.m.Run.DT.IsZero() {
		return v.missing("run", "dt")
	}
	if v.m.Run.Duration.IsZero() {
		return v.missing("run", "duration")
	}
	return nil
}

func (v validator) constants() error {
	seen := make(map[string]bool)
	for _, c := range v.m.Constants {
		key := joinKey("constants", c.Name)
		if err := v.ident(key, "constant", c.Name, seen); err != nil {
			return err
		}
		if strings.TrimSpace(c.Value.Text) == "" {
			return v.errorf(key, "empty value")
		}
	}
	return nil
}

// params checks the names and values of a group's or projection's params or
// init table.
func (v validator) params(table string, ps []Param) error {
	seen := make(map[string]bool)
	for _, p := range ps {
		key := joinKey(table, p.Name)
		if err := v.ident(key, "parameter", p.Name, seen); err != nil {
			return err
		}
		if strings.TrimSpace(p.Value.Text) == "" {
			return v.errorf(key, "empty value")
		}
	}
	return nil
}

func (v validator) groups() error {
	seen := make(map[string]bool)
	for i := range v.m.Groups {
		g := &v.m.Groups[i]
		key := joinKey("groups", g.Name)
		if err := v.ident(key, "group", g.Name, seen); err != nil {
			return err
		}
		var err error
		if g.Slice != "" {
			err = v.subGroup(key, g)
		} else {
			err = v.rootGroup(key, g)
		}
		if err != nil {
			return err
		}
		if err := v.params(key+".params", g.Params); err != nil {
			return err
		}
		if err := v.params(key+".init", g.Init); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, f := range g.InitFiles {
			k := key + ".init_files." + f.Var
			if seen[f.Var] {
				return v.errorf(k, "duplicate variable %q", f.Var)
			}
			seen[f.Var] = true
			if f.File == "" {
				return v.errorf(k, "missing required key %q", "file")
			}
			if !strings.HasSuffix(strings.ToLower(f.File), ".npy") {
				return v.errorf(k+".file", "%q: initial values are read from a .npy file", f.File)
			}
		}
	}
	return nil
}

// rootKeys lists the keys of a root group that are given, in groupKeys order.
func rootKeys(g *Group) []string {
	given := map[string]bool{
		"size":        !g.Size.IsZero(),
		"model":       g.Model != "",
		"params":      g.Params != nil,
		"equations":   g.Equations != "",
		"threshold":   g.Threshold != "",
		"reset":       g.Reset != "",
		"refractory":  !g.Refractory.IsZero(),
		"method":      g.Method != "",
		"spike_times": g.SpikeTimes != nil,
	}
	var keys []string
	for _, k := range groupKeys {
		if given[k] {
			keys = append(keys, k)
		}
	}
	return keys
}

func (v validator) rootGroup(key string, g *Group) error {
	switch {
	case g.Size.IsZero():
		return v.missing(key, "size")
	case g.Model == "" && g.Equations == "":
		return v.errorf(key, `missing required key "model" or "equations"`)
	case g.Model != "" && g.Equations != "":
		return v.errorf(key+".equations", "model and equations are exclusive: a group is either the catalog model %q or defined by equations", g.Model)
	}
	if g.Model != "" {
		for _, k := range rootKeys(g) {
			if k == "threshold" || k == "reset" || k == "refractory" || k == "method" {
				return v.errorf(key+"."+k, "only for groups defined by equations; model %q brings its own", g.Model)
			}
		}
	}
	if g.SpikeTimes != nil && g.Model != "SpikeSourceArray" {
		return v.errorf(key+".spike_times", `only for model "SpikeSourceArray"`)
	}
	return nil
}

func (v validator) subGroup(key string, g *Group) error {
	if keys := rootKeys(g); len(keys) > 0 {
		return v.errorf(key+"."+keys[0], "not allowed in a sub-group: a sub-group (slice) takes only init and init_files")
	}
	base, _, _, err := SplitSlice(g.Slice)
	if err != nil {
		return v.errorf(key+".slice", "%v", err)
	}
	b, ok := v.m.Group(base)
	switch {
	case !ok:
		return v.errorf(key+".slice", "unknown group %q; %s", base, v.groupNames())
	case b.Slice != "":
		return v.errorf(key+".slice", "%q is itself a sub-group; slice its root group instead", base)
	}
	return nil
}

// SplitSlice splits a sub-group slice such as "cells[:n_exc]" or
// "G[(Ne+1):]" into the group name and the start and stop expressions; an
// omitted bound is "". Steps and single indices are not slices of a group.
func SplitSlice(s string) (group, start, stop string, err error) {
	bad := fmt.Errorf("slice %q is not of the form group[start:stop]", s)
	t := strings.TrimSpace(s)
	open := strings.IndexByte(t, '[')
	if open < 0 || !strings.HasSuffix(t, "]") {
		return "", "", "", bad
	}
	group = strings.TrimSpace(t[:open])
	if !isIdent(group) {
		return "", "", "", bad
	}
	bounds := strings.Split(t[open+1:len(t)-1], ":")
	if len(bounds) != 2 {
		return "", "", "", bad
	}
	return group, strings.TrimSpace(bounds[0]), strings.TrimSpace(bounds[1]), nil
}

func (v validator) projections() error {
	seen := make(map[string]bool)
	for i := range v.m.Projections {
		p := &v.m.Projections[i]
		key := joinKey("projections", p.Name)
		if err := v.ident(key, "projection", p.Name, seen); err != nil {
			return err
		}
		if err := v.groupRef(key+".pre", key, p.Pre); err != nil {
			return err
		}
		if err := v.groupRef(key+".post", key, p.Post); err != nil {
			return err
		}
		if err := v.connector(key, &p.Connector); err != nil {
			return err
		}
		switch {
		case p.Receptor != "" && !slices.Contains(receptors, p.Receptor):
			return v.errorf(key+".receptor", "unknown receptor %q; valid receptors: %s", p.Receptor, strings.Join(receptors, ", "))
		case p.Receptor != "" && p.Target != "":
			return v.errorf(key+".target", "receptor and target are exclusive: receptor picks the input of a catalog model, target names a variable of an equation model")
		case p.Synapse != "" && p.Eqs != "":
			return v.errorf(key+".equations", "synapse and equations are exclusive")
		case p.Synapse != "" && p.OnPre != "":
			return v.errorf(key+".on_pre", "synapse and on_pre are exclusive: on_pre belongs to synapses defined by equations")
		case p.Synapse != "" && p.OnPost != "":
			return v.errorf(key+".on_post", "synapse and on_post are exclusive: on_post belongs to synapses defined by equations")
		}
		if err := v.params(key+".params", p.Params); err != nil {
			return err
		}
	}
	return nil
}

// connectorKeysGiven lists the keys of a connector that are given, in
// connectorKeys order, without "rule".
func connectorKeysGiven(c *Connector) []string {
	given := map[string]bool{
		"p":                      !c.P.IsZero(),
		"n":                      !c.N.IsZero(),
		"allow_self_connections": c.AllowSelfConnections != nil,
		"with_replacement":       c.WithReplacement,
		"condition":              c.Condition != "",
		"list":                   c.List != nil,
		"file":                   c.File != "",
		"value":                  !c.Value.IsZero(),
	}
	var keys []string
	for _, k := range connectorKeys {
		if given[k] {
			keys = append(keys, k)
		}
	}
	return keys
}

func (v validator) connector(proj string, c *Connector) error {
	key := proj + ".connector"
	given := connectorKeysGiven(c)
	if c.Rule == "" {
		if len(given) == 0 && c.Pos == (Pos{}) {
			return v.missing(proj, "connector")
		}
		return v.missing(key, "rule")
	}
	i := slices.IndexFunc(connectorRules, func(r connectorRule) bool { return r.name == c.Rule })
	if i < 0 {
		names := make([]string, len(connectorRules))
		for i, r := range connectorRules {
			names[i] = r.name
		}
		return v.errorf(key+".rule", "unknown rule %q; valid rules: %s", c.Rule, strings.Join(names, ", "))
	}
	rule := connectorRules[i]
	for _, k := range given {
		if !slices.Contains(rule.keys, k) {
			return v.errorf(key+"."+k, "rule %q takes no %q; valid keys for %s: %s",
				rule.name, k, rule.name, strings.Join(append([]string{"rule"}, rule.keys...), ", "))
		}
	}
	if rule.required != "" && !slices.Contains(given, rule.required) {
		return v.errorf(key, "missing required key %q for rule %q", rule.required, rule.name)
	}
	return v.list(key+".list", c.List)
}

// list checks the rows of a from_list connector.
func (v validator) list(key string, rows [][]float64) error {
	for r, row := range rows {
		rkey := fmt.Sprintf("%s[%d]", key, r)
		if len(row) != 2 && len(row) != 4 {
			return v.errorf(rkey, "expected a row [i, j] or [i, j, weight, delay], got %d numbers", len(row))
		}
		if len(row) != len(rows[0]) {
			return v.errorf(rkey, "expected %d numbers like the first row, got %d", len(rows[0]), len(row))
		}
		for c, x := range row[:2] {
			if x < 0 || x != math.Trunc(x) || x > math.MaxInt32 {
				return v.errorf(rkey, "%s = %g is not a cell index (a whole number from 0)", []string{"i", "j"}[c], x)
			}
		}
	}
	return nil
}

func (v validator) monitors() error {
	spiking := make(map[string]bool)
	for i, name := range v.m.Monitors.Spikes {
		key := fmt.Sprintf("monitors.spikes[%d]", i)
		if _, ok := v.m.Group(name); !ok {
			return v.errorf(key, "unknown group %q; %s", name, v.groupNames())
		}
		if spiking[name] {
			return v.errorf(key, "group %q is listed twice", name)
		}
		spiking[name] = true
	}
	seen := make(map[string]bool)
	for i := range v.m.Monitors.State {
		s := &v.m.Monitors.State[i]
		key := joinKey("monitors.state", s.Name)
		if err := v.ident(key, "state monitor", s.Name, seen); err != nil {
			return err
		}
		if err := v.groupRef(key+".group", key, s.Group); err != nil {
			return err
		}
		if len(s.Vars) == 0 {
			return v.missing(key, "vars")
		}
		vars := make(map[string]bool)
		for j, name := range s.Vars {
			if err := v.ident(fmt.Sprintf("%s.vars[%d]", key, j), "variable", name, vars); err != nil {
				return err
			}
		}
		if s.Indices != nil && len(s.Indices) == 0 {
			return v.errorf(key+".indices", `empty; leave indices out or write "all" to record every cell`)
		}
		for j, idx := range s.Indices {
			if idx < 0 {
				return v.errorf(fmt.Sprintf("%s.indices[%d]", key, j), "index %d is negative; indices count cells of the group from 0", idx)
			}
		}
	}
	for i := range v.m.Monitors.Synapses {
		s := &v.m.Monitors.Synapses[i]
		key := joinKey("monitors.synapses", s.Name)
		if err := v.ident(key, "monitor", s.Name, seen); err != nil {
			return err
		}
		proj, ok := v.m.Projection(s.Projection)
		if !ok {
			return v.errorf(key+".projection", "unknown projection %q", s.Projection)
		}
		if s.Var == "" {
			return v.errorf(key+".var", "missing: the synaptic variable to average")
		}
		if proj.Eqs == "" && !slices.Contains([]string{"x", "y", "u"}, s.Var) {
			return v.errorf(key+".var", "unknown variable %q; valid: x (recovered), y (active), u (utilisation)", s.Var)
		}
	}
	for i := range v.m.Monitors.Rate {
		r := &v.m.Monitors.Rate[i]
		key := joinKey("monitors.rate", r.Name)
		if err := v.ident(key, "monitor", r.Name, seen); err != nil {
			return err
		}
		if err := v.groupRef(key+".group", key, r.Group); err != nil {
			return err
		}
	}
	return nil
}

// outputs checks the extra output files: plain file names with the right
// extension (they are written inside the output directory), known groups and
// projections.
func (v validator) outputs() error {
	o := v.m.Outputs
	file := func(key, name, ext string) error {
		if name == "" {
			return v.errorf(key, "missing required key %q", "file")
		}
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." || !strings.HasSuffix(name, ext) {
			return v.errorf(key+".file", "%q must be a plain file name ending in %s (it is written in the output directory)", name, ext)
		}
		return nil
	}
	if c := o.Connectivity; c != nil {
		key := "outputs.connectivity"
		if err := file(key, c.File, ".npy"); err != nil {
			return err
		}
		if err := v.groupRef(key+".group", key, c.Group); err != nil {
			return err
		}
		if len(c.Values) == 0 {
			return v.missing(key, "values")
		}
		for _, p := range c.Values {
			if _, ok := v.m.Projection(p.Name); !ok {
				return v.errorf(key+".values."+p.Name, "unknown projection %q", p.Name)
			}
		}
	}
	if s := o.SpikeTrains; s != nil {
		key := "outputs.spike_trains"
		if err := file(key, s.File, ".npz"); err != nil {
			return err
		}
		if err := v.groupRef(key+".group", key, s.Group); err != nil {
			return err
		}
	}
	for _, name := range o.Synapses {
		if _, ok := v.m.Projection(name); !ok {
			return v.errorf("outputs.synapses", "unknown projection %q", name)
		}
	}
	if f := o.Figure; f != nil {
		key := "outputs.figure"
		if err := file(key, f.File, ".png"); err != nil {
			return err
		}
		if f.InsetStart.IsZero() != f.InsetEnd.IsZero() {
			return v.errorf(key, "give both inset_start and inset_end, or neither")
		}
		if len(v.m.Monitors.Spikes) == 0 || len(v.m.Monitors.Rate) == 0 {
			return v.errorf(key, "the figure needs spike monitors (its raster) and rate monitors (its activity panel)")
		}
		if f.Synapses != "" && !slices.ContainsFunc(v.m.Monitors.Synapses, func(s SynapseMonitor) bool { return s.Name == f.Synapses }) {
			return v.errorf(key+".synapses", "unknown synapse monitor %q", f.Synapses)
		}
	}
	return nil
}
