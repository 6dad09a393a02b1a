package catalog

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/volleysim/volley/units"
)

// Kernel is the dynamics of one group of cells; see build.Kernel for the
// contract. It is repeated here, with the same method set, so that the
// catalog does not depend on the build package.
type Kernel interface {
	Step(lo, hi int, step int64, out []int32) (spikes []int32, finite bool)
	Reset(spikes []int32, step int64)
}

// Param is one parameter of a model: its PyNN name, its default and the unit
// in which PyNN states it.
type Param struct {
	Name    string
	Default units.Quantity // SI value and dimension
	Unit    string         // PyNN's unit, for messages and tables: "ms", "mV", "nF"
	Doc     string
}

// StateVar is one state variable of a model.
type StateVar struct {
	Name string
	Init units.Quantity // PyNN's default initial value
	Unit string
	Doc  string
}

// Receptor maps a PyNN receptor type to the state variable a synaptic weight is
// added to.
type Receptor struct {
	Name string // "excitatory", "inhibitory"
	Var  string // "isyn_exc", "gsyn_exc", ...
}

// Instance is what a kernel is made from: cell count, step, parameter values
// (SI, every parameter present) and the state arrays it updates in place.
type Instance struct {
	N      int
	DT     float64
	Params map[string]float64
	State  map[string][]float64 // one array of N values per state variable
	Seed   uint64               // root seed of the run
	ID     uint32               // stream id of the group
	// SpikeTimes holds the spike times (s) of each cell, for spike sources
	// that replay given trains.
	SpikeTimes [][]float64
}

// Model is a catalog cell type.
type Model struct {
	Name      string
	Doc       string
	Params    []Param
	State     []StateVar
	Receptors []Receptor
	Method    string // integration method, for the plan printout
	Source    bool   // a spike source: no membrane, no synaptic input
	// New makes a hand-fused kernel; nil for models that run only through
	// their Template.
	New func(in Instance) (Kernel, error)
	// Template is the model as Brian2 equations, for the generic path.
	Template *Template
}

// Template is a catalog model written as Brian2 equations over its parameter
// names (constants of the group) and state variable names. The build package
// compiles it through the generic equation path; models whose New is nil run
// only that way, and a hand-fused New must give the same numbers (tested in
// build).
type Template struct {
	Equations string // Brian2 equation string
	Threshold string // e.g. "v > v_thresh"
	Reset     string // e.g. "v = v_reset"; "" for none
	// Refractory is a time expression ("tau_refrac"), a condition
	// ("v > -40*mV", refractory while true, as Brian2 allows), or "" for none.
	Refractory string
	Method     string // Brian2 method name: "exact", "exponential_euler", "euler", "rk2", ...
}

// Param returns the parameter called name.
func (m *Model) Param(name string) (Param, bool) {
	for _, p := range m.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// ParamNames lists the parameter names in table order.
func (m *Model) ParamNames() []string {
	names := make([]string, len(m.Params))
	for i, p := range m.Params {
		names[i] = p.Name
	}
	return names
}

// StateVar returns the state variable called name.
func (m *Model) StateVar(name string) (StateVar, bool) {
	for _, s := range m.State {
		if s.Name == name {
			return s, true
		}
	}
	return StateVar{}, false
}

// StateNames lists the state variable names.
func (m *Model) StateNames() []string {
	names := make([]string, len(m.State))
	for i, s := range m.State {
		names[i] = s.Name
	}
	return names
}

// Receptor returns the state variable that receptor type name feeds.
func (m *Model) Receptor(name string) (string, bool) {
	for _, r := range m.Receptors {
		if r.Name == name {
			return r.Var, true
		}
	}
	return "", false
}

// Models returns every catalog model, sorted by name.
func Models() []*Model {
	ms := []*Model{IFCurrExp(), IFCondExp(), IFCurrAlpha(), IFCondAlpha(), EIFCondExpIsfaIsta(), HHCondExp(), Izhikevich(),
		SpikeSourcePoisson(), SpikeSourceArray()}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
	return ms
}

// Names lists the names of the catalog models, sorted.
func Names() []string {
	var names []string
	for _, m := range Models() {
		names = append(names, m.Name)
	}
	return names
}

// Lookup returns the model called name (PyNN's spelling).
func Lookup(name string) (*Model, error) {
	for _, m := range Models() {
		if m.Name == name {
			return m, nil
		}
	}
	return nil, fmt.Errorf("unknown cell model %q; valid: %s", name, strings.Join(Names(), ", "))
}

// param builds a parameter table entry from a default written as a number
// and PyNN's unit, separated by a space: "0.2 nF", "2 mV/ms", "0.02 /ms".
func param(name, def, doc string) Param {
	q, unit := quantity(def)
	return Param{Name: name, Default: q, Unit: unit, Doc: doc}
}

// state builds a state variable entry from a default initial value; a plain
// number is dimensionless.
func state(name, init, doc string) StateVar {
	q, unit := quantity(init)
	return StateVar{Name: name, Init: q, Unit: unit, Doc: doc}
}

// quantity reads a table default "number unit" and returns it with its unit
// text ("1" when there is none). PyNN writes reciprocal units as "/ms", which
// the units package spells "(ms)**-1". It panics on a malformed default: the
// tables are written by programmers.
func quantity(def string) (units.Quantity, string) {
	num, unit, ok := strings.Cut(strings.TrimSpace(def), " ")
	if !ok {
		return units.MustParse(num), "1"
	}
	unit = strings.TrimSpace(unit)
	text := num + " " + unit
	if rest, ok := strings.CutPrefix(unit, "/"); ok {
		text = num + " (" + rest + ")**-1"
	}
	return units.MustParse(text), unit
}

// refractorySteps converts a refractory period to whole steps as Brian2's
// timestep(refractory, dt) does.
func refractorySteps(tref, dt float64) (int64, error) {
	if tref < 0 || math.IsNaN(tref) || math.IsInf(tref, 0) {
		return 0, fmt.Errorf("tau_refrac = %g s must be a finite time >= 0", tref)
	}
	return int64((tref + float64(1e-3*dt)) / dt), nil // float64: no fused multiply-add
}

// neverSpiked is the last-spike step of a cell that has not spiked: far enough
// in the past that step − neverSpiked never overflows and never counts as
// refractory.
const neverSpiked = math.MinInt64 / 4

// newLastSpike returns the last-spike steps of n cells that have not spiked.
func newLastSpike(n int) []int64 {
	last := make([]int64, n)
	for i := range last {
		last[i] = neverSpiked
	}
	return last
}

// positive checks that the named parameters are > 0.
func positive(p map[string]float64, names ...string) error {
	for _, n := range names {
		if !(p[n] > 0) || math.IsInf(p[n], 0) {
			return fmt.Errorf("%s = %g must be a positive finite value", n, p[n])
		}
	}
	return nil
}

// The costs of a cell-step of the scalar LIF loops with their synaptic
// input, in nanoseconds, measured on cuba and coba at 1 thread (2026-12-03,
// 2-core AMD EPYC; run time over cells × steps): build.Coster estimates
// for engine.Workers.
const (
	currExpCost = 1.7
	condExpCost = 7
)

// roomForSpikes returns out with room for n more cells and that room, so
// that a kernel's loop over n cells writes its candidates by index and
// keeps as few values live as it can: a call inside the loop (append's
// growth) and every value it carries make Go keep more of the loop's
// coefficients and pointers on the stack, reloaded at every cell.
func roomForSpikes(out []int32, n int) ([]int32, []int32) {
	out = slices.Grow(out, n)
	return out, out[len(out) : len(out)+n]
}

// spikesAbove finishes a kernel's step: cand, the room that roomForSpikes
// gave after out, holds the positions i of the cells of the block (cell
// lo+i) whose v was not at or below th, in order. Those above th spiked and
// are appended to out in place; the others are NaN, and spikesAbove then
// reports that the block is not finite.
func spikesAbove(out, cand []int32, v []float64, th float64, lo int) ([]int32, bool) {
	finite := true
	for _, i := range cand {
		if v[i] > th {
			out = append(out, int32(lo)+i) // within cap: writes at or before cand's own slot
		} else {
			finite = false
		}
	}
	return out, finite
}
