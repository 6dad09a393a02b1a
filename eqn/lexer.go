package eqn

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tNum
	tIdent
	tOp
)

// token is a lexeme of src[off:off+len(text)].
type token struct {
	kind tokKind
	text string
	off  int
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of expression"
	case tNum:
		return fmt.Sprintf("number %s", t.text)
	case tIdent:
		return fmt.Sprintf("name %q", t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

// operators, longest first so that "**" wins over "*".
var operators = [...]string{
	"**", "//", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=",
	"+", "-", "*", "/", "%", "<", ">", "(", ")", ",", "=", ":", ";",
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }

// lex splits src[from:to] into tokens, ending with a tEOF token at to.
// Offsets are relative to src.
func lex(src string, from, to int) ([]token, error) {
	var toks []token
	i := from
	for i < to {
		r, n := utf8.DecodeRuneInString(src[i:to])
		switch {
		case r == utf8.RuneError && n == 1:
			return nil, &SyntaxError{src, i, "invalid UTF-8"}
		case unicode.IsSpace(r):
			i += n
		case isDigit(src[i]) || src[i] == '.' && i+1 < to && isDigit(src[i+1]):
			j := scanNumber(src, i, to)
			if j < to {
				if r2, _ := utf8.DecodeRuneInString(src[j:to]); isIdentStart(r2) {
					k := j
					for k < to {
						r3, n3 := utf8.DecodeRuneInString(src[k:to])
						if !isIdentPart(r3) {
							break
						}
						k += n3
					}
					return nil, &SyntaxError{src, i, fmt.Sprintf("invalid number %q (write a product with \"*\", as in %s*%s)", src[i:k], src[i:j], src[j:k])}
				}
			}
			toks = append(toks, token{tNum, src[i:j], i})
			i = j
		case isIdentStart(r):
			j := i + n
			for j < to {
				r2, n2 := utf8.DecodeRuneInString(src[j:to])
				if !isIdentPart(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, token{tIdent, src[i:j], i})
			i = j
		default:
			op := ""
			for _, o := range operators {
				if strings.HasPrefix(src[i:to], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, &SyntaxError{src, i, fmt.Sprintf("unexpected character %q", r)}
			}
			toks = append(toks, token{tOp, op, i})
			i += len(op)
		}
	}
	return append(toks, token{tEOF, "", to}), nil
}

// scanNumber returns the end of the decimal literal starting at i:
// digits [. digits] [e [sign] digits], or . digits [exponent].
func scanNumber(src string, i, to int) int {
	for i < to && isDigit(src[i]) {
		i++
	}
	if i < to && src[i] == '.' {
		i++
		for i < to && isDigit(src[i]) {
			i++
		}
	}
	if i < to && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < to && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < to && isDigit(src[j]) {
			for j < to && isDigit(src[j]) {
				j++
			}
			return j
		}
	}
	return i
}

// parseNumber converts a literal; out-of-range literals are an error.
func parseNumber(src string, t token) (float64, error) {
	v, err := strconv.ParseFloat(t.text, 64)
	if err != nil {
		return 0, &SyntaxError{src, t.off, fmt.Sprintf("number %s out of range", t.text)}
	}
	return v, nil
}
