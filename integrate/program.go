package integrate

import "github.com/volleysim/volley/eqn"

// Program is one integration step as data: the "update program" stage of the
// equation pipeline (text → AST → checked equations → update program →
// kernel). A kernel compiler turns it into code over arrays of cells.
//
// Statements are evaluated in order for each cell. Each assigns a temporary
// whose name starts with "_" (for example "_k1_v", "_v"); expressions may use
//   - state variable names: the values at the start of the step;
//   - temporaries assigned earlier in the program;
//   - parameters, constants and unit names of the model's namespace;
//   - t (time at the start of the step) and dt;
//   - the names in Noise: one standard normal draw per cell, per step and
//     per name (the method has already scaled it, e.g. by sqrt(dt));
//   - the functions of package eqn, rand() and randn() included.
//
// After all statements, every state variable listed in Updates takes the value
// of its temporary at once, so every new value is computed from the state at
// the start of the step (Brian2's semantics). A variable flagged
// (unless refractory) keeps its old value for cells that are refractory.
type Program struct {
	Method  string   // name of the method that produced the program
	Stmts   []Assign // in evaluation order
	Updates []Assign // state variable ← temporary (an *eqn.Ident naming a temporary)
	Noise   []string // names of the standard normal draws the program uses
}

// Assign is one statement "Name = Expr".
type Assign struct {
	Name string
	Expr eqn.Expr
}
