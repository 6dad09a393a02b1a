package eqn

import (
	"errors"
	"strings"
	"testing"
)

func TestInline(t *testing.T) {
	t.Parallel()
	src := "dv/dt = (I - v)/tau : volt (unless refractory)\nI = J*2 : volt\nJ = u + K : volt\nK = 1*volt : volt\nu : volt"
	q, err := ParseEquations(src)
	if err != nil {
		t.Fatal(err)
	}
	before := make([]string, len(q.Eqs))
	for i, e := range q.Eqs {
		if e.Expr != nil {
			before[i] = String(e.Expr)
		}
	}
	in, err := q.Inline()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"v": "((u + 1*volt)*2 - v)/tau",
		"I": "(u + 1*volt)*2",
		"J": "u + 1*volt",
		"K": "1*volt",
	}
	for _, e := range in.Eqs {
		if e.Expr == nil {
			if e.Var != "u" {
				t.Errorf("%s has no expression", e.Var)
			}
			continue
		}
		if got := String(e.Expr); got != want[e.Var] {
			t.Errorf("inlined %s = %s, want %s", e.Var, got, want[e.Var])
		}
	}
	if len(in.Eqs) != len(q.Eqs) || in.Src != q.Src || !in.Eqs[0].Has("unless refractory") || in.Eqs[0].Line != 1 {
		t.Errorf("inlined equations lost their fields: %+v", in.Eqs)
	}
	for i, e := range q.Eqs {
		if e.Expr != nil && String(e.Expr) != before[i] {
			t.Errorf("input %s changed to %s", e.Var, String(e.Expr))
		}
	}
	// the caret of a later error still points into the source
	dv, _ := in.Lookup("v")
	if id := dv.Expr.(*Binary).X.(*Binary).Y; src[id.Pos():id.Pos()+1] != "v" {
		t.Errorf("offsets lost: %d", id.Pos())
	}
}

func TestInlineCycle(t *testing.T) {
	t.Parallel()
	cases := []struct {
		src, msg string
		off      int
	}{
		{"dv/dt = -a/tau : 1\na = b : 1\nb = a : 1",
			"line 3: subexpressions refer to each other in a cycle: a -> b -> a\n  b = a : 1\n      ^", 33},
		{"dv/dt = -a/tau : 1\na = 2*a : 1",
			"line 2: subexpressions refer to each other in a cycle: a -> a\n  a = 2*a : 1\n        ^", 25},
		{"x = y + 1 : 1\ny = z : 1\nz = exp(x) + y : 1\ndv/dt = x : 1",
			"line 3: subexpressions refer to each other in a cycle: x -> y -> z -> x\n  z = exp(x) + y : 1\n          ^", 32},
	}
	for _, tc := range cases {
		q, err := ParseEquations(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = q.Inline()
		var ee *EquationError
		if !errors.As(err, &ee) || ee.Off != tc.off || err.Error() != tc.msg {
			t.Errorf("Inline(%q):\n%v\nwant\n%s\n(offset %d)", tc.src, err, tc.msg, tc.off)
		}
	}
}

func TestInlineNoSubexpressions(t *testing.T) {
	t.Parallel()
	q, _ := ParseEquations("dv/dt = -v/tau : 1\ntau : second")
	in, err := q.Inline()
	if err != nil || in == q || in.Eqs[0].Expr != q.Eqs[0].Expr {
		t.Errorf("Inline without subexpressions: %v, same tree %v", err, in.Eqs[0].Expr == q.Eqs[0].Expr)
	}
	if strings.Join(Names(in.Eqs[0].Expr), ",") != "tau,v" {
		t.Errorf("names %v", Names(in.Eqs[0].Expr))
	}
}
