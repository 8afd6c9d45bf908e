package replay_test

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/lab/labtest"
)

// TestPlaybackWrapsItsNotices: a replay at 60 and 80 columns, in English
// and Chinese, lays its notices out to the width (the header, the
// annotations) and leaves the recorded S: and C: lines whole; nothing
// but spaces and line breaks differs from the unwrapped playback.
func TestPlaybackWrapsItsNotices(t *testing.T) {
	tr := recordSubmission(t, labtest.Start(t), false).finish()
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		whole := playback(t, tr, replay.PlaybackOptions{Pace: replay.AllAtOnce, Lang: lang})
		for _, width := range []int{60, 80} {
			out := playback(t, tr, replay.PlaybackOptions{Pace: replay.AllAtOnce, Lang: lang, Columns: func() int { return width }})
			wrapped := 0
			for _, l := range strings.Split(out, "\n") {
				if term.Wire(l) {
					if !strings.Contains(whole, l+"\n") {
						t.Errorf("%s at %d: a wire line changed: %q", lang, width, l)
					}
					continue
				}
				if term.Width(l) > width {
					t.Errorf("%s at %d: a line of %d columns: %q", lang, width, term.Width(l), l)
				}
				if !strings.Contains(whole, l+"\n") {
					wrapped++
				}
			}
			if wrapped == 0 || strings.Join(strings.Fields(out), "") != strings.Join(strings.Fields(whole), "") {
				t.Errorf("%s at %d: %d lines wrapped, text kept %v:\n%s", lang, width, wrapped,
					strings.Join(strings.Fields(out), "") == strings.Join(strings.Fields(whole), ""), out)
			}
		}
	}
}
