package model

import (
	"fmt"
	"strings"
)

// Group returns the group with the given name.
func (m *Model) Group(name string) (*Group, bool) {
	for i := range m.Groups {
		if m.Groups[i].Name == name {
			return &m.Groups[i], true
		}
	}
	return nil, false
}

// Projection returns the projection with the given name.
func (m *Model) Projection(name string) (*Projection, bool) {
	for i := range m.Projections {
		if m.Projections[i].Name == name {
			return &m.Projections[i], true
		}
	}
	return nil, false
}

// KeyPos returns the position of a dotted key of the model, such as
// "groups.cells.model", "projections.e2e.connector" or
// "monitors.state.v.indices[1]": the line where the key was written in the
// decoded file. A key that was not written (a missing key, a model built with
// the Go API) gets the line of its closest written parent, or no line. It
// serves errors about fields that carry no Pos of their own (strings such as
// Group.Model or Projection.Post, equations, indices).
func (m *Model) KeyPos(key string) Pos {
	pos := Pos{File: m.Source, Key: key}
	for k := key; k != ""; k = parentKey(k) {
		if line, ok := m.lines[k]; ok {
			pos.Line = line
			break
		}
	}
	return pos
}

// parentKey drops the last part of a dotted key: "a.b[2]" → "a.b" → "a" → "".
func parentKey(key string) string {
	if strings.HasSuffix(key, "]") {
		if i := strings.LastIndexByte(key, '['); i >= 0 {
			return key[:i]
		}
	}
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i]
	}
	return ""
}

// SetFile is the file name of the positions of values set by SetConstant, so
// that a later error about such a value reads "--set: constants.n: ...".
const SetFile = "--set"

// SetConstant replaces the value of the named constant, for
// `--set NAME=VALUE`. The new value keeps the constant's place in the
// namespace; its Pos has File SetFile and no line. An unknown name is an
// error listing the constants.
func (m *Model) SetConstant(name, value string) error {
	for i := range m.Constants {
		c := &m.Constants[i]
		if c.Name != name {
			continue
		}
		key := joinKey("constants", name)
		if strings.TrimSpace(value) == "" {
			return &Error{Pos: Pos{File: SetFile, Key: key}, Msg: "expected a non-empty value"}
		}
		c.Value = Value{Text: value, Pos: Pos{File: SetFile, Key: key}}
		return nil
	}
	names := make([]string, len(m.Constants))
	for i, c := range m.Constants {
		names[i] = c.Name
	}
	valid := "the model has no constants"
	if len(names) > 0 {
		valid = "valid constants: " + strings.Join(names, ", ")
	}
	return &Error{Pos: Pos{File: SetFile}, Msg: fmt.Sprintf("unknown constant %q; %s", name, valid)}
}
