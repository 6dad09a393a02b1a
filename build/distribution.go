package build

import (
	"fmt"
	"math"
	"strings"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
)

// distributionParams returns the parameter names of a random distribution a
// value may be drawn from, with PyNN's names (pyNN.random.RandomDistribution).
func distributionParams(name string) ([]string, bool) {
	switch name {
	case "uniform":
		return []string{"low", "high"}, true
	case "normal":
		return []string{"mu", "sigma"}, true
	case "normal_clipped", "normal_clipped_to_boundary":
		return []string{"mu", "sigma", "low", "high"}, true
	case "exponential":
		return []string{"beta"}, true
	}
	return nil, false
}

func isDistribution(name string) bool {
	_, ok := distributionParams(name)
	return ok
}

func distributionNames() string {
	return "uniform(low, high), normal(mu, sigma), normal_clipped(mu, sigma, low, high), " +
		"normal_clipped_to_boundary(mu, sigma, low, high), exponential(beta)"
}

// dist is a value that is either one constant or drawn per element from a
// distribution.
type dist struct {
	kind string    // "" for a constant, "expr" for a per-cell expression, else a distribution name
	args []float64 // SI values of the distribution's parameters
	c    float64   // the constant
	expr eqn.Expr  // the per-cell expression
	text string
	vals []float64 // kind "array": one value per cell, SI
}

// constant reports whether every element gets the same value.
func (d dist) constant() bool { return d.kind == "" }

// draw returns one sample from the stream. float64(x*y) keeps Go from fusing
// a product and a sum into a fused multiply-add (arm64, GOAMD64=v3), which
// would change the bits from platform to platform.
func (d dist) draw(s *rng.Stream) float64 {
	a := d.args
	switch d.kind {
	case "uniform":
		return a[0] + float64((a[1]-a[0])*s.Float64())
	case "normal":
		return a[0] + float64(a[1]*s.Normal())
	case "normal_clipped":
		for {
			if x := a[0] + float64(a[1]*s.Normal()); x >= a[2] && x <= a[3] {
				return x
			}
		}
	case "normal_clipped_to_boundary":
		return math.Min(math.Max(a[0]+float64(a[1]*s.Normal()), a[2]), a[3])
	case "exponential":
		return a[0] * s.Exp()
	}
	return d.c
}

// value evaluates v as a constant or a distribution whose samples have
// dimension want.
func (ns *namespace) value(v model.Value, want units.Dim) (dist, error) {
	e, err := eqn.ParseExpr(v.Text)
	if err != nil {
		return dist{}, wrapAt(v.Pos, err)
	}
	c, ok := e.(*eqn.Call)
	if !ok || !isDistribution(c.Fun) {
		if perCell(e, ns.cellVars) {
			return ns.cellExpr(v, e, want)
		}
		x, err := ns.scalar(v, want)
		return dist{c: x, text: v.Text}, err
	}
	names, _ := distributionParams(c.Fun)
	if len(c.Args) != len(names) {
		return dist{}, errorAt(v.Pos, "%s takes %d arguments (%s), got %d in %q",
			c.Fun, len(names), strings.Join(names, ", "), len(c.Args), v.Text)
	}
	d := dist{kind: c.Fun, args: make([]float64, len(names)), text: v.Text}
	for i, a := range c.Args {
		q, err := eqn.EvalQuantity(a, v.Text, ns.lookup)
		if err != nil {
			return dist{}, wrapAt(v.Pos, err)
		}
		if q.Dim != want {
			return dist{}, errorAt(v.Pos, "%s: argument %s = %s has dimension %s, expected %s",
				v.Text, names[i], eqn.String(a), dimName(q.Dim), dimName(want))
		}
		if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
			return dist{}, errorAt(v.Pos, "%s: argument %s is %v", v.Text, names[i], q.Value)
		}
		d.args[i] = q.Value
	}
	if err := d.check(); err != nil {
		return dist{}, errorAt(v.Pos, "%s: %v", v.Text, err)
	}
	return d, nil
}

// check rejects parameters for which a distribution is undefined or would
// never produce a sample.
func (d dist) check() error {
	a := d.args
	switch d.kind {
	case "uniform":
		if a[1] < a[0] {
			return fmt.Errorf("high is below low")
		}
	case "normal":
		if a[1] < 0 {
			return fmt.Errorf("sigma is negative")
		}
	case "normal_clipped", "normal_clipped_to_boundary":
		if a[1] < 0 {
			return fmt.Errorf("sigma is negative")
		}
		if a[3] < a[2] {
			return fmt.Errorf("high is below low")
		}
		if d.kind == "normal_clipped" && a[1] > 0 {
			// Redrawing needs a reasonable chance to land inside [low, high].
			p := normalCDF((a[3]-a[0])/a[1]) - normalCDF((a[2]-a[0])/a[1])
			if p < 1e-6 {
				return fmt.Errorf("[low, high] holds only %.2g of the normal's mass", p)
			}
		} else if d.kind == "normal_clipped" && (a[0] < a[2] || a[0] > a[3]) {
			return fmt.Errorf("sigma is 0 and mu is outside [low, high]")
		}
	case "exponential":
		if a[0] < 0 {
			return fmt.Errorf("beta is negative")
		}
	}
	return nil
}

func normalCDF(x float64) float64 { return float64(0.5 * math.Erfc(-x/math.Sqrt2)) } // float64: no fused multiply-add

// perCell reports whether e has a value of its own for each cell: it calls
// rand() or randn(), or uses the cell index i, the group size N or one of the
// group's variables.
func perCell(e eqn.Expr, vars map[string]units.Dim) bool {
	switch e := e.(type) {
	case *eqn.Ident:
		_, isVar := vars[e.Name]
		return e.Name == "i" || e.Name == "N" || isVar
	case *eqn.Unary:
		return perCell(e.X, vars)
	case *eqn.Binary:
		return perCell(e.X, vars) || perCell(e.Y, vars)
	case *eqn.Call:
		if e.Fun == "rand" || e.Fun == "randn" {
			return true
		}
		for _, a := range e.Args {
			if perCell(a, vars) {
				return true
			}
		}
	}
	return false
}

// cellExpr checks a per-cell initial value such as "El + (randn()*5 - 5)*mV".
func (ns *namespace) cellExpr(v model.Value, e eqn.Expr, want units.Dim) (dist, error) {
	d, err := eqn.Dims(e, func(name string) (units.Dim, bool) {
		switch name {
		case "i", "N":
			return units.Dimensionless, true
		}
		if d, ok := ns.cellVars[name]; ok {
			return d, true
		}
		q, ok := ns.values[name]
		return q.Dim, ok
	})
	if err != nil {
		return dist{}, wrapAt(v.Pos, withSource(err, v.Text))
	}
	if d != want {
		return dist{}, dimError(v, d, want)
	}
	return dist{kind: "expr", expr: e, text: v.Text}, nil
}

// synapseValue evaluates a per-synapse value: a constant, a distribution, or
// an expression of the presynaptic index i, the postsynaptic index j, N_pre,
// N_post, rand() and randn() ("w_max*rand()", "0.1*ms*abs(i - j)").
func (ns *namespace) synapseValue(v model.Value, want units.Dim) (dist, error) {
	e, err := eqn.ParseExpr(v.Text)
	if err != nil {
		return ns.value(v, want) // quantities such as "0.1ms", and the parse error
	}
	if c, ok := e.(*eqn.Call); ok && isDistribution(c.Fun) {
		return ns.value(v, want)
	}
	perSynapse := perCell(e, nil)
	for _, name := range eqn.Names(e) {
		switch name {
		case "j", "N_pre", "N_post":
			perSynapse = true
		}
	}
	if !perSynapse {
		return ns.value(v, want)
	}
	d, err := eqn.Dims(e, func(name string) (units.Dim, bool) {
		switch name {
		case "i", "j", "N_pre", "N_post":
			return units.Dimensionless, true
		}
		q, ok := ns.values[name]
		return q.Dim, ok
	})
	if err != nil {
		return dist{}, wrapAt(v.Pos, withSource(err, v.Text))
	}
	if d != want {
		return dist{}, dimError(v, d, want)
	}
	return dist{kind: "expr", expr: e, text: v.Text}, nil
}
