package build

import (
	"strings"

	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/units"
)

// parseSlice resolves a sub-group written as Python/Brian2 slicing of a root
// group: "cells[:3200]", "cells[3200:]", "G[(Ne+1):]", "cells[10:20]",
// "cells[5]" (one cell). Bounds are dimensionless expressions of constants;
// negative bounds count from the end, as in Python.
func (n *Network) parseSlice(ns *namespace, g *model.Group) (View, error) {
	pos := model.Pos{File: g.Pos.File, Line: g.Pos.Line, Key: g.Pos.Key + ".slice"}
	s := strings.TrimSpace(g.Slice)
	open := strings.IndexByte(s, '[')
	if open <= 0 || !strings.HasSuffix(s, "]") {
		return View{}, errorAt(pos, "slice %q: expected GROUP[start:stop], e.g. \"cells[:3200]\"", g.Slice)
	}
	rootName := strings.TrimSpace(s[:open])
	vi, ok := n.view(rootName)
	if !ok || n.Views[vi].Start != 0 || n.Groups[n.Views[vi].Group].Name != rootName {
		var roots []string
		for _, r := range n.Groups {
			roots = append(roots, r.Name)
		}
		return View{}, errorAt(pos, "slice %q: %q is not a root group; valid: %s", g.Slice, rootName, orNone(roots))
	}
	root := n.Views[vi]
	inner := s[open+1 : len(s)-1]
	bound := func(text string, def int) (int, error) {
		text = strings.TrimSpace(text)
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
	var lo, hi int
	var err error
	if parts := strings.Split(inner, ":"); len(parts) == 2 {
		if lo, err = bound(parts[0], 0); err != nil {
			return View{}, err
		}
		if hi, err = bound(parts[1], root.N); err != nil {
			return View{}, err
		}
	} else if len(parts) == 1 && strings.TrimSpace(inner) != "" {
		if lo, err = bound(parts[0], 0); err != nil {
			return View{}, err
		}
		if lo >= root.N {
			return View{}, errorAt(pos, "slice %q: index %d is outside group %q of %d cells", g.Slice, lo, rootName, root.N)
		}
		hi = lo + 1
	} else {
		return View{}, errorAt(pos, "slice %q: expected GROUP[start:stop] (steps are not supported)", g.Slice)
	}
	if hi <= lo {
		return View{}, errorAt(pos, "slice %q selects no cells of group %q (%d cells)", g.Slice, rootName, root.N)
	}
	return View{Name: g.Name, Group: root.Group, Start: lo, N: hi - lo}, nil
}
