package model

import (
	"strings"
	"testing"
)

// TestNumberText checks how TOML numbers become Value text: decimal text is
// kept as written (without underscores), other bases become decimal.
func TestNumberText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		toml, text string
	}{
		{"0.02", "0.02"},
		{"1e-3", "1e-3"},
		{"+1.5E+2", "+1.5E+2"},
		{"-60", "-60"},
		{"+7", "+7"},
		{"1_000", "1000"},
		{"3.141_5", "3.1415"},
		{"0xff", "255"},
		{"0o17", "15"},
		{"0b101", "5"},
		{"1e-400", "1e-400"},
		{"0", "0"},
	}
	for _, tc := range tests {
		m, err := Decode("t.toml", []byte(validBase+"params = { x = "+tc.toml+" }\n"))
		if err != nil {
			t.Errorf("%s: %v", tc.toml, err)
			continue
		}
		if got := m.Groups[0].Params[0].Value.Text; got != tc.text {
			t.Errorf("%s: got text %q, want %q", tc.toml, got, tc.text)
		}
	}
}

func TestNumberErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		toml, want string
	}{
		{"nan", "expected a finite number, got nan"},
		{"-inf", "expected a finite number, got -inf"},
		{"1e400", "expected a finite number, got 1e400"},
		{"9223372036854775808", "integer 9223372036854775808 is out of range"},
		{"0x1_0000_0000_0000_0000", "integer 0x1_0000_0000_0000_0000 is out of range"},
	}
	for _, tc := range tests {
		_, err := Decode("t.toml", []byte(validBase+"params = { x = "+tc.toml+" }\n"))
		want := "t.toml:13: groups.cells.params.x: " + tc.want
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %s", tc.toml, err, want)
		}
	}
}

// TestTableRules checks TOML's rules on defining tables, which the unstable
// parser leaves to its user.
func TestTableRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      string // error text; "" if the document is valid TOML
	}{
		{"header after implicit parent", "[a.b]\n[a]\n", ""},
		{"header through dotted table", "[a]\nb.c = 1\n[a.b.d]\n", ""},
		{"header twice", "[a]\n[a]\n", "t.toml:2: a: duplicate key, first defined at line 1"},
		{"header on dotted table", "[a]\nb.c = 1\n[a.b]\n", "t.toml:3: a.b: duplicate key, first defined at line 2"},
		{"header through a value", "a = 1\n[a.b]\n", "t.toml:2: a: expected a table, got integer (line 1)"},
		{"dotted key through a value", "a = 1\na.b = 2\n", "t.toml:2: a: expected a table, got integer (line 1)"},
		{"dotted keys in an inline table", "a = { b.c = 1, b.d = 2 }\n", ""},
		{"duplicate in an inline table", "a = { b = 1, b = 2 }\n", "t.toml:1: a.b: duplicate key, first defined at line 1"},
		{"header into an inline table", "a = { b = 1 }\n[a.c]\n", "t.toml:2: a: cannot extend the inline table of line 1"},
		{"array of tables then header", "[[a]]\n[a.b]\n[[a]]\n", ""},
		{"array of tables over a value", "a = [1]\n[[a]]\n", "t.toml:2: a: cannot define an array of tables here: key already defined at line 1 (array)"},
		{"quoted key", "\"x.y\" = 1\n", ""},
	}
	for _, tc := range tests {
		_, _, err := parseTOML("t.toml", []byte(tc.src))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestLinesOfPaths(t *testing.T) {
	t.Parallel()
	src := "a.\"b c\" = 1\n[t]\nx = [\n  [1],\n  [\n    2,\n  ],\n  [],\n]\n"
	_, lines, err := parseTOML("t.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"a": 1, `a."b c"`: 1, "t": 2, "t.x": 3,
		"t.x[0]": 4, "t.x[0][0]": 4, "t.x[1]": 6, "t.x[1][0]": 6, "t.x[2]": 3,
	}
	for k, line := range want {
		if lines[k] != line {
			t.Errorf("line of %s: got %d, want %d", k, lines[k], line)
		}
	}
	if len(lines) != len(want) {
		t.Errorf("got %d paths, want %d: %v", len(lines), len(want), lines)
	}
}

func TestByteOrderMark(t *testing.T) {
	t.Parallel()
	m, err := Decode("t.toml", []byte("\uFEFF"+validBase))
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "t" {
		t.Errorf("name: got %q", m.Name)
	}
}
