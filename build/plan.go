package build

import (
	"sort"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/units"
)

// Kernel is the compiled dynamics of one root group. Every method works on a
// contiguous block of cells or on a list of cells, never on one cell through
// an interface call, and never allocates. Indices are within the root group.
//
// The engine calls, at every step n (time n·dt):
//
//	Step(lo, hi, n, out)  advance cells [lo, hi) from n·dt to (n+1)·dt, then
//	                      append those that cross threshold, ascending; finite
//	                      is false if a new value may be NaN or infinite
//	Reset(spikes, n)      apply the reset to the cells that spiked
//
// Update and threshold are one call so that a kernel can test the threshold
// while the new state is in registers; no cell's update depends on another
// cell's, so this is Brian2's update-then-threshold order. Blocks given to
// concurrent calls never overlap.
type Kernel interface {
	Step(lo, hi int, step int64, out []int32) (spikes []int32, finite bool)
	Reset(spikes []int32, step int64)
}

// Coster is implemented by kernels that know about what one cell-step
// costs them, in nanoseconds of one core of a current processor, so that
// networks too cheap to share between threads run on fewer workers (see
// engine.Workers). It changes only the speed, never the results.
type Coster interface {
	CellCost() float64
}

// Stateful is implemented by kernels that keep state of their own besides
// the group's variables (the step of each cell's last spike, cursors into
// spike lists), so that a checkpoint can save and restore it.
type Stateful interface {
	// Internal returns the kernel's own arrays by name as live slices:
	// writing into them restores the state.
	Internal() (ints map[string][]int64, floats map[string][]float64)
}

// Internal is one named array of a kernel's own state, as a snapshot keeps
// it; exactly one of the slices is set.
type Internal struct {
	Name  string
	Int64 []int64
	Float []float64
}

// InternalOf lists the own state of a kernel, sorted by name; nil for a
// kernel without any. The slices are the kernel's live arrays.
func InternalOf(k Kernel) []Internal {
	st, ok := k.(Stateful)
	if !ok {
		return nil
	}
	ints, floats := st.Internal()
	var out []Internal
	for name, a := range ints {
		out = append(out, Internal{Name: name, Int64: a})
	}
	for name, a := range floats {
		out = append(out, Internal{Name: name, Float: a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Var is one state variable of a group: N values in SI units.
type Var struct {
	Name string
	Dim  units.Dim
	Data []float64 // [N] cells of the root group
}

// Group is a root group: cells with state arrays and their kernel.
type Group struct {
	Name   string
	Model  string // catalog model or "equations"
	N      int
	Vars   []*Var // state variables, by name through Var
	Kernel Kernel
}

// Var returns the state variable called name.
func (g *Group) Var(name string) (*Var, bool) {
	for _, v := range g.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return nil, false
}

// View is a named, contiguous range of cells of a root group: the root group
// itself or a sub-group such as "cells[:3200]".
type View struct {
	Name  string
	Group int // index into Plan.Groups
	Start int // first cell within the root group
	N     int
}

// Projection is compiled connectivity: a CSR table by presynaptic cell (within
// the pre view) whose columns are cells of the post view.
type Projection struct {
	Name      string
	Pre, Post int // indices into Plan.Views
	Conn      *connect.CSR

	Weight  float64   // shared weight (SI units of the target variable) when Weights is nil
	Weights []float64 // per synapse, in CSR order, or nil

	Delay  int32   // shared delay in steps when Delays is nil
	Delays []int32 // per synapse, in CSR order, or nil

	Input int // index into Plan.Inputs: the variable the weight is added to; -1 for Syn

	STP *STP      // short-term plasticity, or nil for static synapses
	Syn *Synapses // equation-defined synapses, or nil

	// ListOrder, for a projection given by a connection list whose synapses
	// are written at the end (outputs.synapses), is the list row of each
	// synapse (CSR position); nil otherwise.
	ListOrder []int64
}

// MaxDelay returns the longest delay of the projection in steps.
func (p *Projection) MaxDelay() int32 {
	if p.Delays == nil {
		return p.Delay
	}
	var m int32
	for _, d := range p.Delays {
		m = max(m, d)
	}
	return m
}

// MinDelay returns the smallest delay in steps of the projection's
// synapses (its shared Delay if it has no per-synapse delays or no
// synapses).
func (p *Projection) MinDelay() int32 {
	if len(p.Delays) == 0 {
		return p.Delay
	}
	m := p.Delays[0]
	for _, d := range p.Delays[1:] {
		m = min(m, d)
	}
	return m
}

// Input is a postsynaptic variable that receives synaptic weights through a
// ring buffer of accumulators, one slot per step of delay.
type Input struct {
	Group int    // index into Plan.Groups
	Name  string // variable name
	Var   *Var
}

// StateMonitor records variables of selected cells of a view.
type StateMonitor struct {
	Name    string
	View    int    // index into Plan.Views
	Vars    []*Var // recorded variables of the view's root group
	Indices []int  // cells within the view, ascending
	Every   int64  // record every Every steps (≥ 1)
}

// Plan is a network compiled for one run: everything the engine needs, with
// every value in SI units and every random choice already drawn.
type Plan struct {
	Name        string
	DT          float64 // seconds
	Steps       int64   // number of steps to run
	RecordFrom  int64   // first step monitors record (after a burn-in)
	Seed        uint64
	Groups      []*Group
	Views       []View // every group and sub-group, in document order
	Projections []*Projection
	Inputs      []*Input
	Spikes      []int // views whose spikes are recorded
	Monitors    []StateMonitor
	Rates       []RateMonitor

	SynapseMonitors []SynapseMonitor
}

// SynapseMonitor samples the mean of a variable ("x", "y" or "u") over the
// plastic synapses of a projection every Every steps.
type SynapseMonitor struct {
	Name       string
	Projection int // index into Plan.Projections
	Var        string
	Every      int64
}

// RateMonitor counts the spikes of a view in bins of Bin steps.
type RateMonitor struct {
	Name string
	View int   // index into Plan.Views
	Bin  int64 // steps per bin (≥ 1)
}

// View returns the index of the view called name.
func (p *Plan) View(name string) (int, bool) {
	for i, v := range p.Views {
		if v.Name == name {
			return i, true
		}
	}
	return -1, false
}
