package model

import "testing"

func TestErrorString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Pos: Pos{File: "a.toml", Line: 3, Key: "groups.g"}, Msg: "bad"}, "a.toml:3: groups.g: bad"},
		{Error{Pos: Pos{File: "a.toml", Line: 3}, Column: 7, Msg: "syntax error: x"}, "a.toml:3:7: syntax error: x"},
		{Error{Pos: Pos{File: "a.toml", Key: "run"}, Msg: "bad"}, "a.toml: run: bad"},
		{Error{Pos: Pos{Key: "run"}, Msg: "bad"}, "run: bad"},
		{Error{Msg: "bad"}, "bad"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestSyntaxErrorCaret checks file:line:column and the caret display: the
// column counts characters, and tabs before it are kept so the caret lines up.
func TestSyntaxErrorCaret(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      string
	}{
		{"tab and non-ASCII", "# µ\n\tv = \"µ\" x\n",
			"t.toml:2:10: syntax error: expected newline but got U+0078 'x'\n    \tv = \"µ\" x\n    \t        ^"},
		{"CRLF", "name = \"a\"\r\n[run\r\n",
			"t.toml:2:5: syntax error: expected ']' to close table name\n    [run\n        ^"},
		{"end of input", "a = [1,",
			"t.toml:1:7: syntax error: array is incomplete\n    a = [1,\n          ^"},
	}
	for _, tc := range tests {
		_, err := Decode("t.toml", []byte(tc.src))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got\n%v\nwant\n%s", tc.name, err, tc.want)
		}
	}
}
