package engine

import "fmt"

// Spikes holds the recorded spikes of one root group, in time order and, within
// a step, in ascending cell order.
type Spikes struct {
	Step []int64 // [spikes] step of each spike
	Cell []int32 // [spikes] cell within the root group
}

// Trace holds the samples of one state monitor.
type Trace struct {
	Steps []int64       // [samples] step of each sample
	Data  [][][]float64 // [vars][recorded cells][samples], SI units
}

// Result is what a run produced.
type Result struct {
	Completed int64     // steps run; the plan's Steps unless the run stopped early
	Counts    [][]int64 // [groups][cells] spikes per cell, for every root group
	Spikes    []Spikes  // [groups] recorded spikes; empty for groups without a spike monitor
	Traces    []Trace   // [monitors]
	Rates     [][]int64 // [rate monitors][bins] spikes per bin
	// [synapse monitors][samples] mean over the projection's synapses
	SynapseMeans [][]float64
	// State is the run's state where it stopped, to continue it later; nil
	// for a run that completed without Options.KeepState.
	State *Snapshot
}

// NumericalError reports a NaN or infinite state value.
type NumericalError struct {
	Group string
	Var   string
	Cell  int   // within the root group
	Step  int64 // step at whose end the value was found
	Time  float64
	Value float64
}

func (e *NumericalError) Error() string {
	return fmt.Sprintf("engine: %s.%s of cell %d is %v at t = %g s (end of step %d); the run was stopped there",
		e.Group, e.Var, e.Cell, e.Value, e.Time, e.Step)
}
