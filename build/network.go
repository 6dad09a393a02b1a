package build

import (
	"github.com/volleysim/volley/catalog"
	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/units"
	"io/fs"
)

// Network is a model with every name resolved and every value in SI units,
// before connectivity is drawn and state is allocated.
type Network struct {
	Model    *model.Model
	DT       float64 // s
	Duration float64 // s
	Steps    int64
	Seed     uint64
	// RecordFrom is the first step the monitors record: the end of a
	// burn-in, 0 without one.
	RecordFrom int64

	Groups      []*GroupSpec
	Views       []View // every group and sub-group, in document order
	Projections []*ProjectionSpec
	Inputs      []Input // Var is nil until Compile
	Spikes      []int   // views with a spike monitor
	Monitors    []MonitorSpec
	Rates       []RateMonitor

	SynapseMonitors []SynapseMonitor

	Outputs Outputs

	// Generic, if set before Compile, runs catalog models through their
	// equation templates instead of their hand-fused kernels (to compare
	// the two).
	Generic bool

	// EagerSynapses, if set before Compile, integrates every clock-driven
	// synaptic variable every step and sums every summed variable over the
	// synapses, instead of advancing them at events and keeping sums as
	// accumulators (to compare the two).
	EagerSynapses bool

	// Warnings lists what is accepted but may not be what the user meant.
	Warnings []string

	summedTargets []summedTarget     // post variables written by summed variables
	consts        map[string]float64 // the model's constants, SI
	files         fs.FS              // where the model's files are read from
}

// GroupSpec is a resolved root group: a catalog model or equations.
type GroupSpec struct {
	Name      string
	N         int
	Kind      string // catalog model name, or "equations"
	Method    string // integration method
	Vars      []VarSpec
	Receptors []catalog.Receptor
	Params    map[string]float64 // catalog parameters by PyNN name, SI; nil for equation groups
	Source    bool               // a spike source: takes no synaptic input
	Inits     []initSpec         // in document order, root first
	ID        uint32             // random stream id
	Pos       model.Pos

	// newKernel makes the kernel over the allocated state arrays.
	newKernel func(state map[string][]float64) (Kernel, error)
}

// VarSpec is a state variable or per-cell parameter of a group.
type VarSpec struct {
	Name string
	Dim  units.Dim
	Init float64 // SI value before initial values are applied
	// Parameter is set for a line "x : unit" of an equation-defined group:
	// a value that only statements and summed variables change.
	Parameter bool
}

func (g *GroupSpec) stateVar(name string) (VarSpec, bool) {
	for _, v := range g.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return VarSpec{}, false
}

func (g *GroupSpec) stateNames() []string {
	names := make([]string, len(g.Vars))
	for i, v := range g.Vars {
		names[i] = v.Name
	}
	return names
}

func (g *GroupSpec) receptor(name string) (string, bool) {
	for _, r := range g.Receptors {
		if r.Name == name {
			return r.Var, true
		}
	}
	return "", false
}

// initSpec sets a state variable on a block of cells.
type initSpec struct {
	Var          string
	Start, Count int // cells of the root group
	Value        dist
}

// ProjectionSpec is a resolved projection.
type ProjectionSpec struct {
	Name      string
	Pre, Post int    // views
	Rule      string // connector name as written: "fixed_probability", ...
	Conn      connect.Spec
	Weight    dist // SI units of the target variable
	Delay     dist // seconds
	Input     int
	ID        uint32
	Pos       model.Pos
	Expected  float64 // expected number of synapses

	// Per-synapse weights (SI) and delays (s) given with an explicit list, in
	// list order; nil when the list has only (pre, post).
	ListWeights, ListDelays []float64
	// stp, if not nil, makes the synapses TsodyksMarkramSynapses
	stp *stpSpec
	// syn, if not nil, makes them equation-defined synapses (Input is -1)
	syn *synModelSpec
	// pExpr, if set, is a connection probability that depends on i and j
	pExpr dist
	// condition, if not nil, keeps only the pairs (i, j) for which it holds
	condition    eqn.Expr
	conditionSrc string
	// sign: +1 weights must be ≥ 0, -1 ≤ 0, 0 no rule
	sign int
	// target names the receptor or variable for messages
	target string
}

// MonitorSpec is a resolved state monitor.
type MonitorSpec struct {
	Name    string
	View    int
	Vars    []string
	Indices []int
	Every   int64
}

// Memory returns the estimated bytes of the compiled network: state, spike
// bookkeeping, synapses, delay rings and recorded traces (not spikes, whose
// number is not known before the run).
func (n *Network) Memory() int64 {
	var b int64
	for _, g := range n.Groups {
		b += int64(g.N) * (int64(len(g.Vars))*8 + 8 + 8) // state, last spike, spike count
	}
	for _, p := range n.Projections {
		b += p.Memory(n)
	}
	for i, in := range n.Inputs {
		slots := int64(1)
		for _, p := range n.Projections {
			if p.Input == i {
				slots = max(slots, p.maxDelaySteps(n.DT)+1)
			}
		}
		b += slots * int64(n.Groups[in.Group].N) * 8
	}
	for _, m := range n.Monitors {
		b += int64(len(m.Vars)*len(m.Indices)) * 8 * ((n.Steps + m.Every - 1) / m.Every)
	}
	return b
}

// Memory returns the estimated bytes of the projection's synapse tables.
func (p *ProjectionSpec) Memory(n *Network) int64 {
	syn := int64(p.Expected + 0.5)
	b := int64(n.Views[p.Pre].N+1)*8 + syn*4
	if !p.Weight.constant() || p.ListWeights != nil {
		b += syn * 8
	}
	if !p.Delay.constant() || p.ListDelays != nil {
		b += syn * 4
	}
	if p.stp != nil {
		b += syn * 32 // y, z, u and the last spike's step
	}
	if m := p.syn; m != nil {
		// variables, pre and post cell, position, last update; one-step
		// propagators of clock-driven systems (per synapse at most)
		b += syn * (int64(len(m.vars))*8 + 3*4 + 8)
		if c := m.clock; c != nil {
			nv := int64(len(c.Vars))
			b += syn * (nv*nv + nv) * 8
		}
		b += int64(n.Views[p.Post].N+1) * 8
	}
	return b
}

// maxDelaySteps bounds the delay of the projection in steps.
func (p *ProjectionSpec) maxDelaySteps(dt float64) int64 {
	hi := p.Delay.c
	switch p.Delay.kind {
	case "uniform":
		hi = p.Delay.args[1]
	case "normal_clipped", "normal_clipped_to_boundary":
		hi = p.Delay.args[3]
	case "normal", "exponential":
		hi = 0 // unbounded: sized after drawing
	}
	for _, d := range p.ListDelays {
		hi = max(hi, d)
	}
	return int64(hi/dt + 0.5)
}

// Outputs are the resolved extra outputs of a model.
type Outputs struct {
	RasterTMax float64 // s; 0 for the whole run
	TraceTMax  float64 // s; 0 for the whole run
	// Connectivity, if File is set, is written as a dense matrix over the
	// cells of root group Group, each projection's synapses set to its value.
	Connectivity struct {
		File   string
		Group  int
		Values map[int]float64 // projection index → value
	}
	// SpikeTrains, if File is set, writes the spike times of each cell of view
	// View as neuron_<i>.
	SpikeTrains struct {
		File string
		View int
	}
	// Synapses lists the projections whose synapses are written at the end
	// of the run (indices into Network.Projections).
	Synapses []int
	// Figure, if File is set, stacks the raster, the network activity and
	// optionally a synapse monitor's mean in one figure.
	Figure struct {
		File                 string
		InsetStart, InsetEnd float64 // s; both 0: no inset
		ActivityMax          float64 // 0: fit
		Synapses             int     // index into SynapseMonitors, or -1
		SynapsesRange        bool    // the axis is [SynapsesMin, SynapsesMax]
		SynapsesMin          float64
		SynapsesMax          float64
	}
}
