package build

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/units"
)

// namespace holds the model's constants, evaluated in document order.
// Constants come before unit names when names are resolved, as in Brian2.
type namespace struct {
	names    []string
	values   map[string]units.Quantity
	shadowed []string // warnings for constants named like units

	// cellVars are the variables of the group whose initial values are
	// being resolved: per-cell initial values may use them.
	cellVars map[string]units.Dim
}

// reserved reports whether name has a meaning of its own in equations.
func reserved(name string) bool {
	switch name {
	case "t", "dt", "i", "j", "lastspike", "not_refractory", "xi":
		return true
	}
	return strings.HasPrefix(name, "xi_")
}

func (ns *namespace) lookup(name string) (units.Quantity, bool) {
	q, ok := ns.values[name]
	return q, ok
}

// evalConstants evaluates the constants of m in order; each may use the ones
// before it and unit names.
func evalConstants(m *model.Model) (*namespace, error) {
	ns := &namespace{values: map[string]units.Quantity{}}
	for _, c := range m.Constants {
		if _, dup := ns.values[c.Name]; dup {
			return nil, errorAt(c.Value.Pos, "constant %q is defined twice", c.Name)
		}
		if reserved(c.Name) {
			return nil, errorAt(c.Value.Pos, "constant %q has a name the equations reserve (t, dt, i, j, "+
				"lastspike, not_refractory, xi, xi_*); choose another name", c.Name)
		}
		if u, isUnit := units.Lookup(c.Name); isUnit && commonDim(u.Dim) {
			ns.shadowed = append(ns.shadowed, fmt.Sprintf("%s: constant %q has the name of a unit; in this model %s means the constant",
				posString(c.Value.Pos), c.Name, c.Name))
		}
		q, err := ns.quantity(c.Value)
		if err != nil {
			return nil, err
		}
		ns.names = append(ns.names, c.Name)
		ns.values[c.Name] = q
	}
	return ns, nil
}

// quantity evaluates a constant expression with units.
func (ns *namespace) quantity(v model.Value) (units.Quantity, error) {
	e, err := eqn.ParseExpr(v.Text)
	if err != nil {
		// "0.1ms" is a quantity, though not an expression.
		if q, uerr := units.Parse(v.Text); uerr == nil {
			return q, nil
		}
		return units.Quantity{}, wrapAt(v.Pos, err)
	}
	if c, ok := e.(*eqn.Call); ok && isDistribution(c.Fun) {
		return units.Quantity{}, errorAt(v.Pos, "%s(...) is a random distribution; a single value is needed here", c.Fun)
	}
	q, err := eqn.EvalQuantity(e, v.Text, ns.lookup)
	if err != nil {
		return units.Quantity{}, wrapAt(v.Pos, err)
	}
	if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
		return units.Quantity{}, errorAt(v.Pos, "%q evaluates to %v", v.Text, q.Value)
	}
	return q, nil
}

// scalar evaluates v and checks its dimension; what names the expected kind
// of value for the message ("a time", "a voltage").
func (ns *namespace) scalar(v model.Value, want units.Dim) (float64, error) {
	q, err := ns.quantity(v)
	if err != nil {
		return 0, err
	}
	if q.Dim != want {
		return 0, dimError(v, q.Dim, want)
	}
	return q.Value, nil
}

// count evaluates v as a dimensionless whole number ≥ 0.
func (ns *namespace) count(v model.Value) (int, error) {
	x, err := ns.scalar(v, units.Dimensionless)
	if err != nil {
		return 0, err
	}
	if x < 0 || x != math.Trunc(x) || x > math.MaxInt32 {
		return 0, errorAt(v.Pos, "%q = %g must be a whole number between 0 and %d", v.Text, x, math.MaxInt32)
	}
	return int(x), nil
}

func dimError(v model.Value, got, want units.Dim) error {
	hint := ""
	if got.IsDimensionless() && strings.TrimSpace(v.Text) != "" {
		hint = fmt.Sprintf(" (write the unit, e.g. \"%s %s\")", strings.TrimSpace(v.Text), exampleUnit(want))
	}
	return errorAt(v.Pos, "%q has dimension %s, expected %s%s", v.Text, dimName(got), dimName(want), hint)
}

// dimName prints a dimension for messages.
func dimName(d units.Dim) string {
	if d.IsDimensionless() {
		return "1 (dimensionless)"
	}
	return d.String()
}

// exampleUnit names a usual unit of a dimension, for hints.
func exampleUnit(d units.Dim) string {
	for _, u := range []string{"ms", "mV", "nA", "nS", "nF", "Hz", "Mohm", "um"} {
		if q, ok := units.Lookup(u); ok && q.Dim == d {
			return u
		}
	}
	return d.String()
}

// errorAt makes a user error at a position.
func errorAt(pos model.Pos, format string, args ...any) error {
	return &model.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// wrapAt puts a position in front of an error from the expression and unit
// parsers, keeping their caret display on the following lines.
func wrapAt(pos model.Pos, err error) error {
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	return &model.Error{Pos: pos, Msg: err.Error()}
}

// commonDim reports whether d is the dimension of a unit models use
// (voltage, current, conductance, capacitance, time, rate, length,
// resistance): a constant that hides such a unit ("cm") deserves a warning,
// one that hides an exotic one ("EK", exakelvin) does not.
func commonDim(d units.Dim) bool {
	for _, c := range []units.Dim{units.Volt, units.Amp, units.Siemens, units.Farad, units.Second, units.Hertz, units.Metre, units.Ohm} {
		if d == c {
			return true
		}
	}
	return false
}
