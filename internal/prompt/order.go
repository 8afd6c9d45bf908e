package prompt

// showError shows an error of the prompt's own after every event that
// came before it: a script's "the connection is closed" follows the
// server's last reply, not precedes it.
func (r *Runner) showError(err error) {
	want := r.Session.Emitted()
	for {
		ch := r.changes()
		r.mu.Lock()
		shown := r.shown
		r.mu.Unlock()
		if shown >= want {
			break
		}
		select {
		case <-ch:
		case <-r.done:
			r.Render.Error(err)
			return
		}
	}
	r.Render.Error(err)
}
