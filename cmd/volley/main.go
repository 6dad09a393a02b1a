// Command volley runs spiking neural network models.
//
//	volley run [MODEL] [flags]    run a model file or a built-in example (default: coba)
//	volley check MODEL            validate a model and print its plan without running
//	volley examples [show NAME]   list the built-in examples or print one
//
// Run `volley help` or `volley run -h` for the flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1 // bad model, failed run
	exitUsage       = 2 // bad command line
	exitInterrupted = 130
)

// usageError is a command-line mistake: printed with a hint, exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

const usage = `volley: spiking neural network simulator

usage:
  volley run [MODEL] [flags]    run a model file (.toml) or a built-in example (default: coba)
  volley resume DIR             continue a run from the checkpoint in its output directory
  volley check MODEL            validate a model, print its plan and memory estimate without running
  volley examples               list the built-in examples
  volley examples show NAME     print the model file of an example
  volley bench [MODEL...]       time models as separate processes (--peer brian2 to compare)

Run 'volley run -h' for the flags of run.
`

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go interrupts(cancel)
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// interrupts turns the first SIGINT or SIGTERM into a cancelled context: the
// run finishes its step and writes its outputs and a checkpoint. A second
// signal exits at once; every file is written to a temporary name and
// renamed, so none is left half written.
func interrupts(cancel context.CancelFunc) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	<-sigs
	fmt.Fprintln(os.Stderr, "volley: interrupted: finishing the step, writing outputs and a checkpoint (interrupt again to quit at once)")
	cancel()
	<-sigs
	os.Exit(exitInterrupted)
}

// run dispatches a command line and maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "run":
		err = runRun(ctx, args[1:], stdout, stderr)
	case "check":
		err = runCheck(ctx, args[1:], stdout, stderr)
	case "examples":
		err = runExamples(ctx, args[1:], stdout)
	case "resume":
		err = runResume(ctx, args[1:], stdout, stderr)
	case "bench":
		err = runBench(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q; valid: run, resume, check, examples, bench, help", args[0])
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "volley: %v\n", err)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "volley: interrupted\n")
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "volley: %v\n", err)
		return exitError
	}
}
