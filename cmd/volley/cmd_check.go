package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/output"
)

// runCheck validates a model and prints its plan without running it.
func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var o overrides
	fs.StringVar(&o.seed, "seed", "", "random seed")
	fs.StringVar(&o.dt, "dt", "", "time step, e.g. \"0.1 ms\"")
	fs.StringVar(&o.duration, "duration", "", "simulated time, e.g. \"2 s\"")
	fs.Var(&o.sets, "set", "override a constant: NAME=VALUE (repeatable)")
	pos, err := parseInterspersed(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: volley check MODEL")
	}
	src, err := loadModel(pos[0])
	if err != nil {
		return err
	}
	if err := o.apply(src.m); err != nil {
		return err
	}
	net, err := build.ResolveFS(src.m, src.files)
	if err != nil {
		return err
	}
	printPlan(stdout, net)
	for _, w := range net.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	return output.CheckMemory(net.Memory())
}

// printPlan prints what a network consists of and how much memory it needs.
func printPlan(w io.Writer, n *build.Network) {
	fmt.Fprintf(w, "model %s: dt = %.6g ms, duration = %.9g ms (%d steps), seed %d\n",
		n.Model.Name, n.DT*1e3, n.Duration*1e3, n.Steps, n.Seed)
	fmt.Fprintln(w, "groups:")
	for _, v := range n.Views {
		g := n.Groups[v.Group]
		if g.Name == v.Name {
			fmt.Fprintf(w, "  %-12s %8d cells  %s (%s)\n", v.Name, v.N, g.Kind, g.Method)
		} else {
			fmt.Fprintf(w, "  %-12s %8d cells  %s[%d:%d]\n", v.Name, v.N, g.Name, v.Start, v.Start+v.N)
		}
	}
	fmt.Fprintln(w, "projections:")
	var total float64
	for _, p := range n.Projections {
		fmt.Fprintf(w, "  %-12s %s -> %s  %s  expected synapses %.0f",
			p.Name, n.Views[p.Pre].Name, n.Views[p.Post].Name, p.Rule, p.Expected)
		if s := p.Synapse(); s != "" {
			fmt.Fprintf(w, "  %s", s)
		}
		fmt.Fprintln(w)
		total += p.Expected
	}
	fmt.Fprintf(w, "expected synapses: %.0f\n", total)
	fmt.Fprintf(w, "memory estimate: %s (state, synapses, delay buffers, traces; spikes extra)\n", output.HumanBytes(n.Memory()))
}
