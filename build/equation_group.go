package build

import "github.com/volleysim/volley/model"

func (n *Network) equationGroup(ns *namespace, g *model.Group, size int) (*GroupSpec, error) {
	return nil, errorAt(g.Pos, "group %q: equation-defined groups are not supported yet", g.Name)
}

func withSource(err error, src string) error { return err }
