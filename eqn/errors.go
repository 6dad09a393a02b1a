package eqn

import (
	"fmt"
	"strings"

	"github.com/volleysim/volley/units"
)

// SyntaxError reports text that is not a valid expression, statement or
// equation. Off is the byte offset of the fault in Src.
type SyntaxError struct {
	Src string
	Off int
	Msg string
}

// Error prints the message, then the source line and a caret under the fault.
func (e *SyntaxError) Error() string { return located(e.Src, e.Off, "syntax error: "+e.Msg) }

// DimensionError reports an expression whose dimensions are inconsistent,
// for example a sum of a voltage and a time. Off is the offset in Src of
// the offending term; Got and Want are its dimension and the expected one.
// Src may be empty when the source text is unknown (see Dims); callers that
// have it may fill it in to get a caret.
type DimensionError struct {
	Src       string
	Off       int
	Msg       string
	Got, Want units.Dim
}

// Error prints the message, then the source line and a caret under the
// offending term.
func (e *DimensionError) Error() string { return located(e.Src, e.Off, e.Msg) }

// NameError reports a name that is neither a variable, a unit nor a known
// constant or function. Hint, when set, suggests close names.
type NameError struct {
	Src  string
	Off  int
	Name string
	Kind string // "name" or "function"
	Hint string
}

// Error prints the message, then the source line and a caret under the name.
func (e *NameError) Error() string {
	msg := fmt.Sprintf("unknown %s %q", e.Kind, e.Name)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return located(e.Src, e.Off, msg)
}

// EvalError reports an expression that is well formed and consistent in
// dimension but cannot be evaluated: a wrong number of function arguments,
// a non-constant exponent of a quantity with units, a random function in a
// constant, a result that is not a number.
type EvalError struct {
	Src string
	Off int
	Msg string
}

// Error prints the message, then the source line and a caret.
func (e *EvalError) Error() string { return located(e.Src, e.Off, e.Msg) }

// located formats msg followed by the line of src containing off and a caret
// under it. For multi-line sources the message starts with the 1-based line
// number. Without a source only msg is returned.
func located(src string, off int, msg string) string {
	if src == "" {
		return msg
	}
	off = min(max(off, 0), len(src))
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	lineEnd := strings.IndexByte(src[off:], '\n')
	if lineEnd < 0 {
		lineEnd = len(src)
	} else {
		lineEnd += off
	}
	if strings.ContainsRune(src, '\n') {
		msg = fmt.Sprintf("line %d: %s", strings.Count(src[:off], "\n")+1, msg)
	}
	line := src[lineStart:lineEnd]
	var pad strings.Builder
	for _, r := range src[lineStart:off] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return msg + "\n  " + strings.TrimRight(line, "\r") + "\n  " + pad.String() + "^"
}
