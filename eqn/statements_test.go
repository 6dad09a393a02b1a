package eqn

import (
	"errors"
	"strings"
	"testing"
)

func TestParseStatements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"v = Vr; w += b", []string{"v = Vr", "w += b"}},
		{"v = Vr\nw += b\n", []string{"v = Vr", "w += b"}},
		{"ge += we  # excitatory\n\n; ;", []string{"ge += we"}},
		{"x -= 1; y *= 2; z /= (a + b)", []string{"x -= 1", "y *= 2", "z /= a + b"}},
		{"v = clip(v + 2*mV, El, 0*mV)", []string{"v = clip(v + 2*mV, El, 0*mV)"}},
		{"", nil},
		{"# nothing", nil},
	}
	for _, tc := range tests {
		got, err := ParseStatements(tc.in)
		if err != nil {
			t.Errorf("ParseStatements(%q): %v", tc.in, err)
			continue
		}
		var s []string
		for _, st := range got {
			s = append(s, st.String())
		}
		if strings.Join(s, "|") != strings.Join(tc.want, "|") {
			t.Errorf("ParseStatements(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
	st, _ := ParseStatements("a = 1\n  w += b")
	if st[1].Off != 8 || st[1].Expr.Pos() != 13 {
		t.Errorf("offsets: %+v", st[1])
	}
}

func TestParseStatementsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		off  int
		want string
	}{
		{"v == Vr", 2, `expected one of = += -= *= /= after "v", found "=="`},
		{"3 = v", 0, "expected a variable name at the start of a statement, found number 3"},
		{"v", 1, `expected one of = += -= *= /= after "v", found end of expression`},
		{"v = ", 4, `missing expression after "="`},
		{"v = 1\nw += b +", 14, "unexpected end of expression"},
		{"v = 1; not = 2", 7, `found name "not"`},
		{"v = a b", 6, `unexpected name "b"`},
		{"v = a $", 6, "unexpected character"},
	}
	for _, tc := range tests {
		_, err := ParseStatements(tc.in)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Off != tc.off || !strings.Contains(se.Msg, tc.want) {
			t.Errorf("ParseStatements(%q): error %v, want %q at %d", tc.in, err, tc.want, tc.off)
		}
	}
	_, err := ParseStatements("v = 1\nw += b +")
	if want := "line 2: syntax error: unexpected end of expression\n  w += b +\n          ^"; err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
