package model_test

import (
	"fmt"

	"github.com/volleysim/volley/model"
)

func ExampleDecode() {
	src := `
[run]
dt = "0.1 ms"
duration = "1 s"

[constants]
p = 0.02

[groups.cells]
size = 4000
model = "IF_cond_exp"
params = { tau_m = "20 ms", cm = "0.2 nF" }
`
	m, err := model.Decode("net.toml", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := m.Constants[0]
	fmt.Printf("%s = %q at %s:%d\n", c.Name, c.Value.Text, c.Value.Pos.File, c.Value.Pos.Line)
	for _, p := range m.Groups[0].Params {
		fmt.Printf("%s = %q (%s)\n", p.Name, p.Value.Text, p.Value.Pos.Key)
	}

	_, err = model.Decode("net.toml", []byte(src+"sise = 3\n"))
	fmt.Println(err)
	// Output:
	// p = "0.02" at net.toml:7
	// tau_m = "20 ms" (groups.cells.params.tau_m)
	// cm = "0.2 nF" (groups.cells.params.cm)
	// net.toml:13: groups.cells: unknown key "sise"; valid keys: size, model, params, init, init_files, slice, equations, threshold, reset, refractory, method, spike_times
}

func ExampleModel_SetConstant() {
	m, err := model.Decode("net.toml", []byte("[run]\ndt = \"0.1 ms\"\nduration = \"1 s\"\n[constants]\nrate = \"10 Hz\"\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.SetConstant("rate", "20 Hz"), m.Constants[0].Value.Text)
	fmt.Println(m.SetConstant("rates", "20 Hz"))
	// Output:
	// <nil> 20 Hz
	// --set: unknown constant "rates"; valid constants: rate
}
