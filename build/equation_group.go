package build

import (
	"github.com/volleysim/volley/model"
)

// equationGroup resolves a root group defined by Brian2 equations.
func (n *Network) equationGroup(ns *namespace, g *model.Group, size int) (*GroupSpec, error) {
	return nil, errorAt(g.Pos, "group %q: equation-defined groups are not supported yet", g.Name)
}
