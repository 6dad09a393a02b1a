package npy

import (
	"fmt"
	"strconv"
	"strings"
)

// magic starts every .npy file.
const magic = "\x93NUMPY"

// MaxHeaderLen is the largest header, in bytes, that [Read] accepts. The
// header of any supported array is far smaller (NumPy itself refuses
// headers over 10,000 bytes by default).
const MaxHeaderLen = 1 << 16

// headerAlign is the alignment of the data start that NumPy uses.
const headerAlign = 64

// header is the decoded dictionary of an .npy header.
type header struct {
	descr   string
	fortran bool
	shape   []int
}

// formatShape formats a shape as a Python tuple: "()", "(5,)", "(3, 4)".
func formatShape(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// encodeHeader returns the magic string, version, header length and padded
// header dictionary for an array, choosing version 1.0 unless the header
// needs the 4-byte length of version 2.0.
func encodeHeader(descr string, shape []int) []byte {
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, formatShape(shape))
	for _, v := range []struct {
		major   byte
		lenSize int
		maxLen  int64
	}{{1, 2, 1<<16 - 1}, {2, 4, 1<<32 - 1}} {
		prefix := len(magic) + 2 + v.lenSize
		total := prefix + len(dict) + 1 // +1 for the final '\n'
		total += (headerAlign - total%headerAlign) % headerAlign
		hlen := total - prefix
		if int64(hlen) > v.maxLen {
			continue
		}
		out := make([]byte, 0, total)
		out = append(out, magic...)
		out = append(out, v.major, 0)
		for i := range v.lenSize {
			out = append(out, byte(hlen>>(8*i)))
		}
		out = append(out, dict...)
		for len(out) < total-1 {
			out = append(out, ' ')
		}
		return append(out, '\n')
	}
	panic("npy: header too long for format version 2.0")
}

// parseHeader parses the Python dictionary literal of an .npy header, such
// as "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }".
func parseHeader(s string) (header, error) {
	p := headerParser{s: s}
	var h header
	seen := map[string]bool{}
	p.skipSpace()
	if !p.eat('{') {
		return h, p.errorf("want '{'")
	}
	for {
		p.skipSpace()
		if p.eat('}') {
			break
		}
		key, err := p.str()
		if err != nil {
			return h, err
		}
		p.skipSpace()
		if !p.eat(':') {
			return h, p.errorf("want ':' after key %q", key)
		}
		p.skipSpace()
		if seen[key] {
			return h, p.errorf("duplicate key %q", key)
		}
		seen[key] = true
		switch key {
		case "descr":
			if p.peek() == '[' || p.peek() == '{' {
				return h, fmt.Errorf("npy: unsupported dtype %s (structured arrays are not supported)", p.raw())
			}
			if h.descr, err = p.str(); err != nil {
				return h, err
			}
		case "fortran_order":
			if h.fortran, err = p.boolean(); err != nil {
				return h, err
			}
		case "shape":
			if h.shape, err = p.tuple(); err != nil {
				return h, err
			}
		default:
			return h, p.errorf("unexpected key %q", key)
		}
		p.skipSpace()
		if p.eat('}') {
			break
		}
		if !p.eat(',') {
			return h, p.errorf("want ',' or '}'")
		}
	}
	p.skipSpace()
	if p.i != len(s) {
		return h, p.errorf("unexpected text after '}'")
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return h, fmt.Errorf("npy: header: missing key %q", k)
		}
	}
	return h, nil
}

// headerParser scans a header dictionary; i is the next byte to read.
type headerParser struct {
	s string
	i int
}

func (p *headerParser) errorf(format string, args ...any) error {
	return fmt.Errorf("npy: header: %s at byte %d", fmt.Sprintf(format, args...), p.i)
}

func (p *headerParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *headerParser) eat(c byte) bool {
	if p.peek() == c && p.i < len(p.s) {
		p.i++
		return true
	}
	return false
}

func (p *headerParser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

// str reads a quoted string without escapes.
func (p *headerParser) str() (string, error) {
	q := p.peek()
	if q != '\'' && q != '"' {
		return "", p.errorf("want a quoted string")
	}
	start := p.i + 1
	end := strings.IndexByte(p.s[start:], q)
	if end < 0 {
		return "", p.errorf("unterminated string")
	}
	v := p.s[start : start+end]
	if strings.IndexByte(v, '\\') >= 0 {
		return "", p.errorf("escape sequences are not supported")
	}
	p.i = start + end + 1
	return v, nil
}

func (p *headerParser) boolean() (bool, error) {
	switch {
	case strings.HasPrefix(p.s[p.i:], "True"):
		p.i += 4
		return true, nil
	case strings.HasPrefix(p.s[p.i:], "False"):
		p.i += 5
		return false, nil
	}
	return false, p.errorf("want True or False")
}

// tuple reads a tuple of non-negative integers, such as "(3, 4)" or "(5,)";
// a Python 2 long suffix ("3L") is accepted.
func (p *headerParser) tuple() ([]int, error) {
	if !p.eat('(') {
		return nil, p.errorf("want '(' to start the shape")
	}
	shape := []int{}
	for {
		p.skipSpace()
		if p.eat(')') {
			return shape, nil
		}
		start := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		if p.i == start {
			return nil, p.errorf("want a non-negative integer in the shape")
		}
		d, err := strconv.Atoi(p.s[start:p.i])
		if err != nil {
			return nil, p.errorf("shape dimension %s is too large", p.s[start:p.i])
		}
		if len(shape) == MaxDims {
			return nil, p.errorf("shape has more than %d dimensions", MaxDims)
		}
		shape = append(shape, d)
		p.eat('L')
		p.skipSpace()
		if p.eat(')') {
			return shape, nil
		}
		if !p.eat(',') {
			return nil, p.errorf("want ',' or ')' in the shape")
		}
	}
}

// raw returns the balanced bracketed text starting at p.i, truncated for
// error messages.
func (p *headerParser) raw() string {
	depth := 0
	end := len(p.s)
	for j := p.i; j < len(p.s); j++ {
		switch p.s[j] {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
		}
		if depth == 0 {
			end = j + 1
			break
		}
	}
	v := p.s[p.i:end]
	if len(v) > 60 {
		v = v[:57] + "..."
	}
	return v
}
