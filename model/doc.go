// Package model is the description of a network as plain data: what a model
// file decodes into and what the Go API builds.
//
// # Scope
//
// A Model holds groups, projections, monitors, constants and the run plan as
// the user wrote them. Quantities, expressions and distributions are kept as
// text (Value) with the position they came from; nothing here knows units,
// the equation language or the catalog. Decode reads a TOML model file and
// Validate checks structure only: required keys, identifiers, unique names,
// which keys go together, and that references name existing groups. Units,
// expressions, equations and catalog parameter names are checked when the
// model is built (package build), whose errors are *Error values too and
// point at the same file:line:key through Value.Pos and Model.KeyPos.
//
// # Invariants
//
// Constants, groups, projections, params, init and state monitors keep
// document order. A Model returned by Decode has passed Validate. Every
// error, from decoding to building, is an *Error reading
// "file:line: key: message"; an unknown key lists the valid ones. Decode never
// panics, whatever its input (FuzzDecode).
//
// # The file format, by example
//
//	name = "coba"                      # output directory name
//	description = "Vogels–Abbott COBA benchmark"
//
//	[run]
//	dt = "0.1 ms"                      # required
//	duration = "1000 ms"               # required
//	seed = 98765                       # integer >= 0 (a string for seeds >= 2^63)
//
//	[constants]                        # the model's namespace, in order; --set NAME=VALUE replaces one
//	n = "4000"
//	p_conn = 0.02                      # a TOML number is kept as its text: "0.02"
//	w_exc = "4 nS"
//
//	[groups.cells]                     # a root group: size and exactly one of model / equations
//	size = "n"
//	model = "IF_cond_exp"              # catalog model, PyNN name
//	params = { tau_m = "20 ms", cm = "0.2 nF" }
//	init = { v = "uniform(-60 mV, -50 mV)" }
//
//	[groups.exc]                       # a sub-group: slice (and init) only
//	slice = "cells[:3200]"             # group[start:stop], bounds may be expressions of constants
//
//	[groups.lif]                       # a group defined by Brian2 equations
//	size = 100
//	equations = """
//	dv/dt = (El - v)/tau : volt (unless refractory)
//	"""
//	threshold = "v > -50 mV"
//	reset = "v = -60 mV"
//	refractory = "5 ms"
//	method = "exact"
//	params = { El = "-49 mV", tau = "20 ms" }
//
//	[groups.stim]
//	size = 2
//	model = "SpikeSourceArray"
//	spike_times = [["1 ms", "5 ms"], ["2.5 ms"]]   # one array per cell
//
//	[projections.e2e]
//	pre = "exc"                        # required, an existing group
//	post = "exc"                       # required, an existing group
//	connector = { rule = "fixed_probability", p = "p_conn", allow_self_connections = false }
//	weight = "w_exc"
//	delay = "0.2 ms"
//	receptor = "excitatory"            # or "inhibitory"; target = "ge" names a variable instead
//
//	[monitors]
//	spikes = ["exc"]
//
//	[monitors.state.v]                 # recorded to DIR/v.npz
//	group = "exc"
//	vars = ["v"]
//	indices = [0, 1]                   # or "all"
//	every = "1 ms"                     # optional sampling interval
//
// Connector rules and their keys (besides rule; required key first):
//
//	fixed_probability   p, allow_self_connections, condition
//	all_to_all          allow_self_connections, condition
//	one_to_one          —
//	fixed_number_pre    n, allow_self_connections, with_replacement
//	fixed_number_post   n, allow_self_connections, with_replacement
//	from_list           list = [[i, j], ...] or [[i, j, weight, delay], ...]
//	from_file           file = "conn.npy" (relative to the model file)
//
// A projection may also name a catalog synapse (synapse, params) or define
// its synapses by equations (equations, on_pre, on_post, params); the two are
// exclusive.
//
// Any TOML spelling of tables works: [groups.cells.params] sub-tables,
// inline tables and dotted keys (groups.cells.size = "n"). Wherever a Value
// is expected, a string or a number may be given; integers written in hex,
// octal or binary or with underscores become plain decimal text. Strings are
// required where the field is a name, an equation or a statement.
//
// # Decisions
//
//   - Decoding is strict: an unknown key or a value of the wrong TOML type is
//     an error, never ignored. Decode stops at the first error.
//   - A sub-group slices a root group, not another sub-group, so there are no
//     chains or cycles to resolve.
//   - threshold, reset, refractory and method belong to equation-defined
//     groups; a catalog model brings its own (tau_refrac is a parameter).
//   - receptor (catalog post models) and target (equation post models) are
//     exclusive.
//   - indices = "all" (or no indices) records every cell; an empty array is an
//     error rather than a monitor that records nothing.
//   - A syntax error reports file:line:column, with the column counted in
//     characters, and shows the line with a caret under the column.
package model
