// Package lsp is helplint's language server: Language Server Protocol 3.17
// over stdio, on the same engine as the command line. It lints the editor's
// unsaved buffers against the rest of the site (other open buffers standing
// for their files), pushes diagnostics, and offers each safe fix and a
// suppression comment as quick fixes.
package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC 2.0 error codes the server answers with.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestFailed        = -32803
)

// message is a JSON-RPC 2.0 request, notification or response.
type message struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
	Result  json.RawMessage  `json:"result,omitempty"`
	Error   *rpcError        `json:"error,omitempty"`
}

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// conn reads and writes messages framed with Content-Length headers.
type conn struct {
	r  *bufio.Reader
	mu sync.Mutex // one message written at a time
	w  io.Writer
	// log, when set, is told of damaged framing that read skipped
	log func(format string, args ...any)
}

// maxMessage bounds a message's size: a client that announces more is wrong.
const maxMessage = 64 << 20

// maxHeaderLine bounds a header line, so that a stream without line
// breaks cannot grow a buffer without end; past it the line is skipped.
const maxHeaderLine = 64 << 10

// read returns the next message's body; io.EOF when the client is gone.
// Damaged framing (a Content-Length that was wrong, so that a body runs
// into the next header or a header lost its start) does not stop it: the
// lines up to the next Content-Length header are skipped and logged, and
// reading goes on from there.
func (c *conn) read() ([]byte, error) {
	length := -1
	for {
		line, err := c.line()
		if err != nil {
			if errors.Is(err, io.EOF) && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("reading a header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length < 0 {
				continue // blank lines between messages
			}
			break
		}
		// the header may follow the end of a body that was longer than announced
		if i := indexFold(line, "content-length:"); i > 0 {
			c.damaged("skipped %d bytes before a header: %q", i, clip(line[:i]))
			line, length = line[i:], -1
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || !isToken(name) {
			c.damaged("skipped a line that is no header: %q", clip(line))
			length = -1
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessage {
				c.damaged("bad Content-Length %q", clip(value))
				length = -1
				continue
			}
			length = n
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, fmt.Errorf("reading a message of %d bytes: %w", length, err)
	}
	return body, nil
}

// line reads one line of at most maxHeaderLine bytes; the rest of a
// longer line is read and dropped.
func (c *conn) line() (string, error) {
	var b []byte
	for {
		chunk, err := c.r.ReadSlice('\n')
		if len(b) < maxHeaderLine {
			b = append(b, chunk[:min(len(chunk), maxHeaderLine-len(b))]...)
		}
		if err != bufio.ErrBufferFull {
			return string(b), err
		}
	}
}

func (c *conn) damaged(format string, args ...any) {
	if c.log != nil {
		c.log("damaged message: "+format, args...)
	}
}

// indexFold is strings.Index, ASCII case folded.
func indexFold(s, sub string) int {
	return strings.Index(strings.ToLower(s), sub)
}

// isToken reports whether name is a header name (RFC 7230 token chars).
func isToken(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// clip shortens s for a log line.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// write sends one message.
func (c *conn) write(m any) error {
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err = c.w.Write(b.Bytes())
	return err
}

// respond answers request id with result, or with err when it is not nil.
func (c *conn) respond(id *json.RawMessage, result any, err *rpcError) error {
	if id == nil {
		raw := json.RawMessage("null")
		id = &raw
	}
	if err != nil {
		return c.write(struct {
			JSONRPC string           `json:"jsonrpc"`
			ID      *json.RawMessage `json:"id"`
			Error   *rpcError        `json:"error"`
		}{"2.0", id, err})
	}
	res, merr := json.Marshal(result)
	if merr != nil {
		return merr
	}
	return c.write(struct {
		JSONRPC string           `json:"jsonrpc"`
		ID      *json.RawMessage `json:"id"`
		Result  json.RawMessage  `json:"result"`
	}{"2.0", id, res})
}

// notify sends a notification.
func (c *conn) notify(method string, params any) error {
	return c.write(struct {
		JSONRPC string `json:"jsonrpc"`
		Method  string `json:"method"`
		Params  any    `json:"params"`
	}{"2.0", method, params})
}
