package model

// Pos is where a value was written in a model file. The zero Pos means the
// value was built with the Go API and has no source position.
type Pos struct {
	File string // file name as given to Decode
	Line int    // 1-based line; 0 when unknown
	Key  string // dotted key path, e.g. "groups.cells.params.tau_m"
}

// Value is a quantity, expression or distribution as the user wrote it:
// "4 nS", "-60*mV", "w_exc", "Gexc*(Erev_exc - v_mean)", "uniform(v_reset, v_thresh)",
// "normal(0 mV, 2 mV)". A TOML number is kept as its decimal text.
// Values are evaluated at build time against the model's constants and unit names.
type Value struct {
	Text string
	Pos  Pos
}

// IsZero reports whether the value was not given.
func (v Value) IsZero() bool { return v.Text == "" }

// Model is a whole network description: what a model file decodes into and what
// the Go API builds. It is plain data; Validate checks its structure, build
// checks names, units and equations.
type Model struct {
	Name        string // short name, used for the default output directory
	Description string
	Source      string // file the model was decoded from ("" for the Go API)

	Run         Run
	Constants   []Constant   // in document order; later ones may refer to earlier ones
	Groups      []Group      // root groups and sub-groups, in document order
	Projections []Projection // in document order
	Monitors    Monitors
	Outputs     Outputs

	// lines maps every dotted key of the decoded file (with [i] for array
	// elements) to its line; nil for the Go API. See KeyPos.
	lines map[string]int
}

// Run is the run plan.
type Run struct {
	DT       Value  // time step, e.g. "0.1 ms"
	Duration Value  // simulated time, e.g. "1 s"
	Seed     uint64 // root of every random stream
	// RecordFrom, if given, is the end of a burn-in: monitors record from
	// this time on (as monitors created after a first run in Brian2).
	RecordFrom Value
	Pos        Pos
}

// Constant is a named quantity of the model's namespace, usable in every
// value, expression and equation of the model. `--set NAME=VALUE` replaces it.
type Constant struct {
	Name  string
	Value Value
}

// Param is one named value: a model parameter or an initial value.
type Param struct {
	Name  string
	Value Value
}

// Group is a population of neurons or spike sources. A root group has Size and
// either a catalog Model or Equations; a sub-group has only Slice (and Init).
type Group struct {
	Name string
	Pos  Pos

	// Root groups.
	Size   Value   // number of cells: an integer or a dimensionless expression of constants
	Model  string  // catalog model by PyNN name: IF_curr_exp, IF_cond_exp, SpikeSourcePoisson, ...
	Params []Param // catalog parameters by PyNN name, with units

	// Equation-defined root groups (Brian2 syntax).
	Equations  string // "dv/dt = (El - v)/tau : volt (unless refractory)\n..."
	Threshold  string // "v > v_thresh"
	Reset      string // "v = v_reset"
	Refractory Value  // a time ("5 ms") or a condition
	Method     string // integration method; "" for Brian2's default choice

	// Sub-groups: a slice of a root group, Brian2/Python style: "cells[:3200]",
	// "G[(Ne+1):]". Bounds may be expressions of constants.
	Slice string

	// Initial values of state variables, for root and sub-groups, in document order.
	Init []Param
	// InitFiles give state variables one value per cell from .npy files,
	// applied after Init.
	InitFiles []InitFile

	// SpikeSourceArray: spike times per cell (seconds after evaluation).
	SpikeTimes [][]Value
}

// Projection connects a presynaptic group to a postsynaptic group.
type Projection struct {
	Name string
	Pos  Pos

	Pre, Post string
	Connector Connector
	Weight    Value  // constant, expression or distribution
	Delay     Value  // constant, expression or distribution; "" means one time step
	Receptor  string // "excitatory" or "inhibitory" for catalog post models
	Target    string // explicit postsynaptic variable to add the weight to (equation models)

	// Equation-defined synapses (Brian2 syntax).
	Synapse string // catalog synapse ("StaticSynapse", "TsodyksMarkramSynapse"); "" = static
	Method  string // integration method of clock-driven synaptic equations; "" = Brian2's choice
	Params  []Param
	OnPre   string
	OnPost  string
	Eqs     string
}

// InitFile sets a state variable of every cell of a group from a 1-D .npy
// array (one value per cell, in Unit) read from File, relative to the model
// file.
type InitFile struct {
	Var  string
	File string
	Unit string // the unit of the values, e.g. "mV"; "" for dimensionless values
	Pos  Pos
}

// Connector is a connectivity rule with PyNN names.
type Connector struct {
	Rule string // fixed_probability, all_to_all, one_to_one, fixed_number_pre, fixed_number_post, from_list, from_file
	Pos  Pos

	P                    Value // fixed_probability: probability in [0, 1]
	N                    Value // fixed_number_pre / fixed_number_post: count
	AllowSelfConnections *bool // nil: PyNN's default (true)
	WithReplacement      bool  // fixed_number_*: PyNN's default is false
	Condition            string

	// from_list: one row per synapse: [i, j] or [i, j, weight, delay] with
	// weight and delay in the PyNN units of the post model (nA or uS, ms).
	List [][]float64
	// from_file: a .npy (N×2 or N×4, or a dense pre×post matrix whose nonzero
	// entries are synapses) or .csv file, relative to the model file.
	File string
	// from_file with a dense matrix: only entries equal to Value are synapses
	// (e.g. 1 for excitatory and -4 for inhibitory sources of one matrix).
	Value Value
}

// Monitors lists what is recorded.
type Monitors struct {
	Spikes []string       // names of groups whose spikes are recorded
	State  []StateMonitor // in document order
	Rate   []RateMonitor  // in document order

	Synapses []SynapseMonitor // in document order
}

// SynapseMonitor records the mean over a projection's short-term plastic
// synapses of one of their variables (x recovered, y active, u utilisation)
// every Every (one step if not given), written as DIR/<Name>.npz.
type SynapseMonitor struct {
	Name       string
	Pos        Pos
	Projection string
	Var        string
	Every      Value
}

// RateMonitor records the population rate of a group: its spikes counted in
// bins of Bin (one step if not given), written as DIR/<Name>.npz.
type RateMonitor struct {
	Name  string
	Pos   Pos
	Group string
	Bin   Value
}

// StateMonitor records state variables of selected cells of a group at every
// time step (or every Every).
type StateMonitor struct {
	Name    string // output file stem: DIR/<Name>.npz
	Pos     Pos
	Group   string
	Vars    []string
	Indices []int // indices within the group; nil records all cells
	Every   Value // sampling interval; "" records every step
}

// Outputs are extra output files and figure settings.
type Outputs struct {
	Pos          Pos
	RasterTMax   Value // end of the raster figure's time axis; "" for the whole run
	TraceTMax    Value // end of the trace figures' time axis; "" for the whole run
	Connectivity *ConnectivityOutput
	SpikeTrains  *SpikeTrainsOutput
	Figure       *FigureOutput
	// Synapses names projections whose synapses are written at the end of
	// the run, one DIR/synapses_<name>.npz each.
	Synapses []string
	// SynapsesPos is the position of the synapses key, for messages.
	SynapsesPos Pos
}

// FigureOutput is one figure of stacked panels over the recorded time, as
// the Tsodyks 2000 seed draws it: a raster of the spike-monitored groups,
// the network activity (the fraction of the rate-monitored cells firing in
// each bin) with an optional inset, and optionally the mean of a synapse
// monitor.
type FigureOutput struct {
	Pos  Pos
	File string // file name in the output directory, .png
	// Inset, if InsetStart is set, magnifies [InsetStart, InsetEnd) of the
	// activity panel (times from the start of the run).
	InsetStart, InsetEnd Value
	ActivityMax          Value  // top of the activity axis; "" fits the data
	Synapses             string // a synapse monitor for a third panel, or ""
	// SynapsesMin and SynapsesMax bound the third panel's axis; "" fits.
	SynapsesMin, SynapsesMax Value
}

// ConnectivityOutput writes the synapses of projections as one dense matrix
// over a root group (rows: presynaptic cell, columns: postsynaptic cell), each
// projection's synapses marked with its value (the AdEx seed's 1 and -4).
type ConnectivityOutput struct {
	Pos    Pos
	File   string  // file name in the output directory, .npy
	Group  string  // root group the rows and columns index
	Values []Param // projection name → value
}

// SpikeTrainsOutput writes the spike times of each cell of a group as an npz
// with keys neuron_<i> (seconds), as the AdEx seed saves them.
type SpikeTrainsOutput struct {
	Pos   Pos
	File  string // file name in the output directory, .npz
	Group string
}
