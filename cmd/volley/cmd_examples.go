package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/model"
)

// runExamples lists the built-in examples or prints one.
func runExamples(_ context.Context, args []string, stdout io.Writer) error {
	switch {
	case len(args) == 0:
		for _, name := range examples.Names() {
			file, data, _ := examples.Source(name)
			desc := ""
			if m, err := model.Decode(file, data); err == nil {
				desc = m.Description
			}
			fmt.Fprintf(stdout, "%-14s %s\n", name, desc)
		}
		return nil
	case len(args) == 2 && args[0] == "show":
		_, data, ok := examples.Source(args[1])
		if !ok {
			return usagef("no example %q; valid: %s", args[1], strings.Join(examples.Names(), ", "))
		}
		_, err := stdout.Write(data)
		return err
	}
	return usagef("usage: volley examples [show NAME]")
}
