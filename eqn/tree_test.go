package eqn

import (
	"reflect"
	"testing"
)

func TestNamesDependsOn(t *testing.T) {
	t.Parallel()
	e := mustParse(t, "exp(-(v - El)/tau)*v + rand()*mV + clip(w, 0, pi)")
	if got, want := Names(e), []string{"El", "mV", "pi", "tau", "v", "w"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	for name, want := range map[string]bool{"v": true, "El": true, "mV": true, "exp": false, "rand": false, "clip": false, "x": false} {
		if DependsOn(e, name) != want {
			t.Errorf("DependsOn(%s) = %v", name, !want)
		}
	}
	if got := Names(mustParse(t, "1 + 2")); got == nil || len(got) != 0 {
		t.Errorf("Names of a constant = %#v, want an empty slice", got)
	}
}

func TestSubstitute(t *testing.T) {
	t.Parallel()
	e := mustParse(t, "v + dt*f(v, w)/2 - exp(w)")
	repl := map[string]Expr{"v": mustParse(t, "v + dt*k"), "w": mustParse(t, "-w")}
	if got, want := String(Substitute(e, repl)), "v + dt*k + dt*f(v + dt*k, -w)/2 - exp(-w)"; got != want {
		t.Errorf("Substitute = %s, want %s", got, want)
	}
	// one pass: names inside replacements are not replaced again
	if got := String(Substitute(mustParse(t, "a*b"), map[string]Expr{"a": mustParse(t, "b"), "b": mustParse(t, "a")})); got != "b*a" {
		t.Errorf("swap = %s", got)
	}
	// unchanged subtrees are shared, and an untouched tree is returned as is
	if s := Substitute(e, map[string]Expr{"x": num(1)}); s != e {
		t.Errorf("untouched tree copied")
	}
	s := Substitute(e, map[string]Expr{"w": num(0)}).(*Binary)
	if s.X.(*Binary).X != e.(*Binary).X.(*Binary).X {
		t.Errorf("unchanged subtree v not shared")
	}
	if String(e) != "v + dt*f(v, w)/2 - exp(w)" {
		t.Errorf("input changed: %s", String(e))
	}
}
