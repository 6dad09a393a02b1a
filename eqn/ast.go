package eqn

// Expr is a node of an expression tree. The concrete types are *Num,
// *Ident, *Unary, *Binary and *Call.
type Expr interface {
	// Pos returns the byte offset of the node in the source it was parsed
	// from (for Binary, the offset of its operator).
	Pos() int
	exprNode()
}

// Num is a numeric literal. Text is its source spelling, kept so that String
// prints it unchanged; it is empty for numbers made by code.
type Num struct {
	Value float64
	Text  string
	Off   int
}

// Ident is a name: a variable, a constant, a unit or a keyword constant
// such as True.
type Ident struct {
	Name string
	Off  int
}

// Unary is a prefix operation; Op is "-", "+" or "not".
type Unary struct {
	Op  string
	X   Expr
	Off int
}

// Binary is an infix operation; Op is one of + - * / ** % < <= > >= == !=
// and or. Off is the offset of the operator.
type Binary struct {
	Op   string
	X, Y Expr
	Off  int
}

// Call is a function call such as exp(-v/tau).
type Call struct {
	Fun  string
	Args []Expr
	Off  int
}

// Pos returns the offset of the literal.
func (e *Num) Pos() int { return e.Off }

// Pos returns the offset of the name.
func (e *Ident) Pos() int { return e.Off }

// Pos returns the offset of the operator.
func (e *Unary) Pos() int { return e.Off }

// Pos returns the offset of the operator.
func (e *Binary) Pos() int { return e.Off }

// Pos returns the offset of the function name.
func (e *Call) Pos() int { return e.Off }

func (*Num) exprNode()    {}
func (*Ident) exprNode()  {}
func (*Unary) exprNode()  {}
func (*Binary) exprNode() {}
func (*Call) exprNode()   {}

// start returns the offset of the first character of e in its source, which
// for a Binary is the start of its left operand.
func start(e Expr) int {
	for {
		b, ok := e.(*Binary)
		if !ok {
			return e.Pos()
		}
		e = b.X
	}
}
