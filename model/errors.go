package model

import (
	"strconv"
	"strings"
)

// Error is a mistake in a model: what Decode, Validate and SetConstant
// return, and what later stages return for a value they cannot use.
//
// Its message reads "file:line: key: msg", e.g.
//
//	coba.toml:38: groups.cells: unknown key "sise"; valid keys: size, model, ...
//
// Parts that are unknown are left out: a model built with the Go API has no
// file or line. A TOML syntax error has no key but a column
// ("file:line:column: syntax error: ..."), and its Msg ends with the source
// line and a caret under the column.
type Error struct {
	Pos    Pos
	Column int // 1-based column (in characters) of a syntax error; 0 otherwise
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.File != "" {
		b.WriteString(e.Pos.File)
		if e.Pos.Line > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(e.Pos.Line))
			if e.Column > 0 {
				b.WriteString(":")
				b.WriteString(strconv.Itoa(e.Column))
			}
		}
		b.WriteString(": ")
	}
	if e.Pos.Key != "" {
		b.WriteString(e.Pos.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}
