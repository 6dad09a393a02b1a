package main

import (
	"errors"
	"flag"
	"io"
	"strings"
)

// errHelp reports that -h was given and the usage was printed.
var errHelp = flag.ErrHelp

// parseInterspersed parses flags that may come before or after the positional
// arguments ("volley run coba --seed 7") and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// setFlags collects repeated --set NAME=VALUE flags.
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, ", ") }

func (s *setFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return errors.New("expected NAME=VALUE, e.g. --set Gexc=\"5 nS\"")
	}
	*s = append(*s, v)
	return nil
}
