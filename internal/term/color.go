package term

import (
	"fmt"

	"github.com/fatih/color"
)

// Color is a foreground colour of the terminal's palette.
type Color int

// The colours mailtutor paints with; Default keeps the terminal's own.
const (
	Default Color = iota
	Red
	Green
	Yellow
	Blue
	Magenta
	Cyan
	White
)

// Style is how a piece of text is painted: a colour, bold or faint.
type Style struct {
	Color Color
	Bold  bool
	Faint bool
}

// Brush returns a function that formats its arguments as fmt.Sprint does
// and paints the result in style s; with on false it paints nothing, and a
// single string argument comes back as it is, unformatted.
func Brush(on bool, s Style) func(a ...any) string {
	if !on {
		return plain
	}
	var attrs []color.Attribute
	if fg, ok := foreground[s.Color]; ok {
		attrs = append(attrs, fg)
	}
	if s.Bold {
		attrs = append(attrs, color.Bold)
	}
	if s.Faint {
		attrs = append(attrs, color.Faint)
	}
	c := color.New(attrs...)
	c.EnableColor() // the caller decided (see UseColor), whatever the stream
	return c.SprintFunc()
}

// Paint paints text in style s, or returns it as it is when on is false.
func Paint(on bool, s Style, text string) string { return Brush(on, s)(text) }

var foreground = map[Color]color.Attribute{
	Red: color.FgRed, Green: color.FgGreen, Yellow: color.FgYellow, Blue: color.FgBlue,
	Magenta: color.FgMagenta, Cyan: color.FgCyan, White: color.FgWhite,
}

// plain is a brush without paint.
func plain(a ...any) string {
	if len(a) == 1 {
		if s, ok := a[0].(string); ok {
			return s
		}
	}
	return fmt.Sprint(a...)
}
