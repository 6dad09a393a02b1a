package model

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestSetConstant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value string
		want        string // error text; "" for success
	}{
		{"pconn", "0.05", ""},
		{"w_exc", "2*Gexc", ""},
		{"p_conn", "0.05", `--set: unknown constant "p_conn"; valid constants: n, n_exc, pconn, delay, tau_m, C_m, E_leak, v_thresh, v_reset, t_refrac, tau_exc, tau_inh, Erev_exc, Erev_inh, Gexc, Ginh, w_exc, w_inh, rate, stim_dur`},
		{"pconn", " ", `--set: constants.pconn: expected a non-empty value`},
	}
	for _, tc := range tests {
		t.Run(tc.name+"="+tc.value, func(t *testing.T) {
			t.Parallel()
			m := decodeFile(t, filepath.Join("..", "examples", "coba.toml"))
			err := m.SetConstant(tc.name, tc.value)
			if tc.want != "" {
				var e *Error
				if !errors.As(err, &e) || err.Error() != tc.want {
					t.Fatalf("got  %v\nwant %s", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range m.Constants {
				if c.Name != tc.name {
					continue
				}
				want := Value{Text: tc.value, Pos: Pos{File: SetFile, Key: "constants." + tc.name}}
				if c.Value != want {
					t.Errorf("constant %d: got %+v, want %+v", i, c.Value, want)
				}
			}
			if len(m.Constants) != 20 {
				t.Errorf("SetConstant changed the number of constants to %d", len(m.Constants))
			}
			if err := m.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestSetConstantNoConstants(t *testing.T) {
	t.Parallel()
	err := (&Model{}).SetConstant("x", "1")
	want := `--set: unknown constant "x"; the model has no constants`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestLookups(t *testing.T) {
	t.Parallel()
	m := decodeFile(t, filepath.Join("..", "examples", "coba.toml"))
	if g, ok := m.Group("inh"); !ok || g.Slice != "cells[n_exc:]" {
		t.Errorf(`Group("inh") = %+v, %v`, g, ok)
	}
	if g, ok := m.Group("nope"); ok || g != nil {
		t.Errorf(`Group("nope") = %+v, %v`, g, ok)
	}
	if p, ok := m.Projection("ext2i"); !ok || p.Pre != "ext" {
		t.Errorf(`Projection("ext2i") = %+v, %v`, p, ok)
	}
	if p, ok := m.Projection("nope"); ok || p != nil {
		t.Errorf(`Projection("nope") = %+v, %v`, p, ok)
	}
	g, _ := m.Group("ext")
	g.Size.Text = "40"
	if m.Groups[3].Size.Text != "40" {
		t.Error("Group does not return a pointer into Model.Groups")
	}
}

func TestKeyPos(t *testing.T) {
	t.Parallel()
	m := decodeFile(t, filepath.Join("..", "examples", "coba.toml"))
	tests := []struct {
		key  string
		line int
	}{
		{"groups.cells.model", 37},
		{"groups.cells.params.tau_m", 38},
		{"groups.cells.equations", 35}, // not written: its group's line
		{"monitors.state.v.indices[1]", 106},
		{"monitors.spikes[0]", 101},
		{"projections.e2e.connector.rule", 55},
		{"projections.nope.pre", 52}, // the first [projections.*] header
		{"", 0},
	}
	for _, tc := range tests {
		want := Pos{File: "coba.toml", Line: tc.line, Key: tc.key}
		if got := m.KeyPos(tc.key); got != want {
			t.Errorf("KeyPos(%q) = %+v, want %+v", tc.key, got, want)
		}
	}
	if got, want := apiModel().KeyPos("groups.cells"), (Pos{Key: "groups.cells"}); got != want {
		t.Errorf("Go API KeyPos = %+v, want %+v", got, want)
	}
}
