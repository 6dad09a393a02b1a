package build

import (
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/units"
)

// parseSlice resolves a sub-group written as Python/Brian2 slicing of a root
// group: "cells[:3200]", "cells[3200:]", "G[(Ne+1):]", "cells[10:20]". Bounds
// are dimensionless expressions of constants; negative bounds count from the
// end and bounds past the end are clipped, as in Python.
func (n *Network) parseSlice(ns *namespace, g *model.Group) (View, error) {
	pos := model.Pos{File: g.Pos.File, Line: g.Pos.Line, Key: g.Pos.Key + ".slice"}
	rootName, start, stop, err := model.SplitSlice(g.Slice)
	if err != nil {
		return View{}, errorAt(pos, "%v", err)
	}
	var root *View
	for i := range n.Views {
		if v := &n.Views[i]; v.Name == rootName && n.Groups[v.Group].Name == rootName {
			root = v
		}
	}
	if root == nil {
		var roots []string
		for _, r := range n.Groups {
			roots = append(roots, r.Name)
		}
		return View{}, errorAt(pos, "slice %q: %q is not a root group; valid: %s", g.Slice, rootName, orNone(roots))
	}
	bound := func(text string, def int) (int, error) {
		if text == "" {
			return def, nil
		}
		x, err := ns.scalar(model.Value{Text: text, Pos: pos}, units.Dimensionless)
		if err != nil {
			return 0, err
		}
		if x != float64(int(x)) {
			return 0, errorAt(pos, "slice %q: bound %q = %g is not a whole number", g.Slice, text, x)
		}
		i := int(x)
		if i < 0 {
			i += root.N
		}
		return min(max(i, 0), root.N), nil
	}
	lo, err := bound(start, 0)
	if err != nil {
		return View{}, err
	}
	hi, err := bound(stop, root.N)
	if err != nil {
		return View{}, err
	}
	if hi <= lo {
		return View{}, errorAt(pos, "slice %q selects no cells of group %q (%d cells)", g.Slice, rootName, root.N)
	}
	return View{Name: g.Name, Group: root.Group, Start: lo, N: hi - lo}, nil
}
