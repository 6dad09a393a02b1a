package build

import (
	"fmt"
	"slices"
	"strings"

	"github.com/volleysim/volley/catalog"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
)

// catalogGroup resolves a root group of a catalog model: parameters by PyNN
// name with units, defaults from the catalog's table.
func (n *Network) catalogGroup(ns *namespace, g *model.Group, size int) (*GroupSpec, error) {
	cm, err := catalog.Lookup(g.Model)
	if err != nil {
		return nil, errorAt(g.Pos, "group %q: %v", g.Name, err)
	}
	params := map[string]float64{}
	for _, p := range cm.Params {
		params[p.Name] = p.Default.Value
	}
	// per-cell parameters: given as a distribution or an expression of i,
	// or from a file (init_files); the group then runs through its template
	perCell := map[string]model.Value{}
	for _, f := range g.InitFiles {
		if _, ok := cm.Param(f.Var); ok {
			perCell[f.Var] = model.Value{}
		}
	}
	for _, p := range g.Params {
		cp, ok := cm.Param(p.Name)
		if !ok {
			return nil, errorAt(p.Value.Pos, "%s has no parameter %q; valid: %s", cm.Name, p.Name, orNone(cm.ParamNames()))
		}
		d, err := ns.value(p.Value, cp.Default.Dim)
		if err != nil {
			return nil, err
		}
		if !d.constant() {
			perCell[p.Name] = p.Value
			continue
		}
		params[p.Name] = d.c
	}
	if len(perCell) > 0 && cm.Template == nil {
		return nil, errorAt(g.Pos, "group %q: %s takes one value per parameter; per-cell values (a distribution, an expression of i, or init_files) need a model with equations", g.Name, cm.Name)
	}
	var spikeTimes [][]float64
	if len(g.SpikeTimes) > 0 {
		if cm.Name != "SpikeSourceArray" {
			return nil, errorAt(g.Pos, "group %q: spike_times is only for SpikeSourceArray, not %s", g.Name, cm.Name)
		}
		if len(g.SpikeTimes) != size {
			return nil, errorAt(g.Pos, "group %q: spike_times has %d lists for %d cells", g.Name, len(g.SpikeTimes), size)
		}
		for _, ts := range g.SpikeTimes {
			var cell []float64
			for _, v := range ts {
				t, err := ns.scalar(v, units.Second)
				if err != nil {
					return nil, err
				}
				cell = append(cell, t)
			}
			spikeTimes = append(spikeTimes, cell)
		}
	}
	for _, p := range cm.Params {
		if strings.HasPrefix(p.Name, "tau") && p.Name != "tau_refrac" && p.Default.Dim == units.Second {
			n.checkTimeConstant(g, p.Name, params[p.Name])
		}
	}
	spec := &GroupSpec{Name: g.Name, N: size, Kind: cm.Name, Method: cm.Method, Receptors: cm.Receptors,
		Params: params, Source: cm.Source, ID: rng.Hash(g.Name), Pos: g.Pos}
	for _, sv := range cm.State {
		spec.Vars = append(spec.Vars, VarSpec{Name: sv.Name, Dim: sv.Init.Dim, Init: sv.Init.Value})
	}
	var generic *GroupSpec
	if t := cm.Template; t != nil {
		// The template's parameters are constants of the group, before the
		// model's constants of the same name; per-cell ones are parameter
		// lines of its equations instead.
		tns := ns.with(cm, params)
		eqs := t.Equations
		var names []string
		for name := range perCell {
			names = append(names, name)
		}
		slices.Sort(names)
		var pcParams []model.Param
		for _, name := range names {
			cp, _ := cm.Param(name)
			delete(tns.values, name)
			eqs += fmt.Sprintf("\n%s : %s (constant)", name, cp.Default.Dim)
			if v := perCell[name]; v.Text != "" {
				pcParams = append(pcParams, model.Param{Name: name, Value: v})
			}
		}
		g := &model.Group{Name: g.Name, Pos: g.Pos, Size: g.Size, Equations: eqs, Threshold: t.Threshold,
			Reset: t.Reset, Method: t.Method, Params: pcParams}
		if t.Refractory != "" {
			g.Refractory = model.Value{Text: t.Refractory, Pos: g.Pos}
		}
		var err error
		warned := len(n.Warnings) // the parameter checks above already warned
		if generic, err = n.equationGroup(tns, g, size); err != nil {
			return nil, fmt.Errorf("catalog template of %s: %w", cm.Name, err)
		}
		n.Warnings = n.Warnings[:warned]
		if len(perCell) > 0 {
			// default values of per-cell parameters given only by a file
			for _, name := range names {
				if perCell[name].Text == "" {
					cp, _ := cm.Param(name)
					generic.Inits = append([]initSpec{{Var: name, Start: 0, Count: size, Value: dist{c: cp.Default.Value}}}, generic.Inits...)
				}
			}
			for _, v := range generic.Vars {
				if _, ok := spec.stateVar(v.Name); !ok {
					spec.Vars = append(spec.Vars, v)
				}
			}
			spec.Inits, spec.Method = generic.Inits, generic.Method
			return spec.withKernel(generic.newKernel), nil
		}
	}
	spec.newKernel = func(state map[string][]float64) (Kernel, error) {
		if cm.New == nil || (n.Generic && generic != nil) {
			return generic.newKernel(state)
		}
		return cm.New(catalog.Instance{N: size, DT: n.DT, Params: params, State: state,
			Seed: n.Seed, ID: spec.ID, SpikeTimes: spikeTimes})
	}
	return spec, nil
}

// withKernel sets the function that makes the group's kernel.
func (g *GroupSpec) withKernel(k func(state map[string][]float64) (Kernel, error)) *GroupSpec {
	g.newKernel = k
	return g
}

// with returns a namespace that also holds a catalog model's parameters.
func (ns *namespace) with(cm *catalog.Model, params map[string]float64) *namespace {
	out := &namespace{values: map[string]units.Quantity{}}
	for k, v := range ns.values {
		out.values[k] = v
	}
	for _, p := range cm.Params {
		out.values[p.Name] = units.Quantity{Value: params[p.Name], Dim: p.Default.Dim}
	}
	return out
}

// checkTimeConstant warns when dt is longer than a fifth of a time constant of
// linear dynamics: the integration may then be inaccurate.
func (n *Network) checkTimeConstant(g *model.Group, name string, tau float64) {
	if tau > 0 && n.DT > tau/5 {
		n.Warnings = append(n.Warnings, fmt.Sprintf("%s: group %q: dt = %.6g ms is longer than a fifth of %s = %.6g ms; "+
			"results may be inaccurate, consider a smaller dt", posString(g.Pos), g.Name, n.DT*1e3, name, tau*1e3))
	}
}
