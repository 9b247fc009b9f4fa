package lsp

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestResynchronise: after messages whose Content-Length is one byte too
// large, one too small, or not a number, the server finds the next header
// and answers what follows; each damaged message is logged.
func TestResynchronise(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(body []byte) string
	}{
		{"one byte too large", func(b []byte) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b)+1, b) }},
		{"one byte too small", func(b []byte) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b)-1, b) }},
		{"not a number", func(b []byte) string { return fmt.Sprintf("Content-Length: 1x\r\n\r\n%s", b) }},
		{"no header at all", func(b []byte) string { return string(b) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &syncBuffer{}
			c := startServerWith(t, Options{Debounce: 5 * time.Millisecond, Version: "test", Log: log})
			c.fatal = t.Fatalf
			c.request("initialize", map[string]any{"rootUri": pathURI(site(t))})
			body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 100, "method": "shutdown"})
			if _, err := fmt.Fprint(c.in, tc.damage(body)); err != nil {
				t.Fatal(err)
			}
			// the message after the damaged one may be lost with it (its
			// header was eaten); the one after that is answered
			c.send("$/ping", 0, map[string]any{})
			for i := 0; i < 3; i++ {
				c.next = 200 + i
				c.send("workspace/symbol-unknown", c.next, map[string]any{})
			}
			r := c.await("an answer after the damage", func(r reply) bool { return r.ID != nil && *r.ID >= 200 })
			if r.Error == nil || !strings.Contains(r.Error.Message, "workspace/symbol-unknown") && r.Error.Code != codeMethodNotFound {
				t.Errorf("answer %+v", r)
			}
			if !strings.Contains(log.String(), "damaged message") {
				t.Errorf("log:\n%s", log.String())
			}
		})
	}
}

// TestExitDuringLint: exit ends the session at once, while a lint runs.
func TestExitDuringLint(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	opts := Options{Debounce: time.Millisecond, Version: "test", beforeLint: func() {
		started <- struct{}{}
		<-release // a lint that takes as long as the test likes
	}}
	defer close(release)
	c := startServerWith(t, opts)
	c.fatal = t.Fatalf
	root := site(t)
	c.request("initialize", map[string]any{"rootUri": pathURI(root)})
	c.send("initialized", 0, map[string]any{})
	uri := pathURI(filepath.Join(root, "content/_help/create-account/other._en.md"))
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": 1, "text": "---\ntitle: x\n---\n"}})
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no lint started")
	}
	c.request("shutdown", nil)
	c.send("exit", 0, nil)
	select {
	case code := <-c.code:
		if code != 0 {
			t.Errorf("exit code %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("exit waited for the running lint")
	}
}
