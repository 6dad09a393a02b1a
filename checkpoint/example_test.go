package checkpoint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/checkpoint"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/model"
)

// compile builds the CUBA example for 200 ms.
func compile() *build.Plan {
	file, text, _ := examples.Source("cuba")
	m, _ := model.Decode(file, text)
	m.Run.Duration = model.Value{Text: "200 ms"}
	n, _ := build.ResolveFS(m, examples.Files())
	plan, _ := n.Compile(2)
	return plan
}

// Stop a run halfway, save a checkpoint, load it and continue: the spikes are
// those of the run that never stopped.
func Example() {
	ctx := context.Background()
	whole, _ := engine.Run(ctx, compile(), engine.Options{Threads: 2})

	first, _ := engine.Run(ctx, compile(), engine.Options{Threads: 2, Until: 1000})
	dir, _ := os.MkdirTemp("", "checkpoint")
	defer os.RemoveAll(dir)
	_, text, _ := examples.Source("cuba")
	if err := checkpoint.Save(filepath.Join(dir, "checkpoint"), &checkpoint.Checkpoint{
		ModelFile: "cuba.toml", Example: "cuba", ModelText: text, Duration: "200 ms", State: first.State,
	}); err != nil {
		fmt.Println(err)
		return
	}
	c, err := checkpoint.Load(filepath.Join(dir, "checkpoint"))
	if err != nil {
		fmt.Println(err)
		return
	}
	rest, _ := engine.Run(ctx, compile(), engine.Options{Threads: 1, From: c.State})

	fmt.Println("stopped at step", c.State.Step)
	fmt.Println("same spikes:", slices.Equal(whole.Spikes[0].Step, rest.Spikes[0].Step) &&
		slices.Equal(whole.Spikes[0].Cell, rest.Spikes[0].Cell))
	// Output:
	// stopped at step 1000
	// same spikes: true
}
