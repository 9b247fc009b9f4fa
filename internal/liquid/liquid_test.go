package liquid

import (
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/slowinput"
)

func TestLex(t *testing.T) {
	src := "a {{ site.url | upcase }}/x\n{% include alert.html type=\"a\" %}\n{%- if x -%}y{% endif %}\n{% raw %}{{ keep }}{% endraw %}\n{% comment %}{% comment %}n{% endcomment %}z{% endcomment %}\n{{ oops } }}\n{% never"
	r := Lex([]byte(src), 0)
	var names []string
	for _, tok := range r.Tokens {
		args := string(tok.Args([]byte(src)))
		if tok.Kind == Output {
			names = append(names, "{{"+args+"}}")
		} else {
			names = append(names, tok.Name+":"+args)
		}
	}
	want := []string{"{{site.url | upcase}}", `include:alert.html type="a"`, "if:x", "endif:", "raw:", "endraw:", "comment:", "endcomment:", "{{oops}}"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("tokens = %q\nwant %q", names, want)
	}
	if len(r.Blocks) != 2 || src[r.Blocks[0].Body.Start:r.Blocks[0].Body.End] != "{{ keep }}" {
		t.Errorf("blocks = %+v", r.Blocks)
	}
	if got := src[r.Blocks[1].Body.Start:r.Blocks[1].Body.End]; got != "{% comment %}n{% endcomment %}z" {
		t.Errorf("nested comment body = %q", got)
	}
	if len(r.Unclosed) != 1 || src[r.Unclosed[0].Start:] != "{% never" {
		t.Errorf("unclosed = %+v", r.Unclosed)
	}
}

// TestUnclosed: the first `{%` and the first `{{` never closed are kept;
// each runs to the end of the file, over every later opening of its kind.
func TestUnclosed(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the text from each unclosed opening
	}{
		{"a {% b", []string{"{% b"}},
		{"{% a %} {% b {% c", []string{"{% b {% c"}},
		{"{{ a {% b {{ c {% d", []string{"{{ a {% b {{ c {% d", "{% b {{ c {% d"}},
		{"{{ a }} {% b %}", nil},
	}
	for _, tt := range tests {
		r := Lex([]byte(tt.in), 0)
		var got []string
		for _, u := range r.Unclosed {
			got = append(got, tt.in[u.Start:u.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Lex(%q).Unclosed = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[t]({{ site.url }}/x)", "[t](xxxxxxxxxxxxxx/x)"},
		{"{% include a.html %}\ntext", "                    \ntext"},
		{"| {{ a | b }} |", "| xxxxxxxxxxx |"},
		{"a{% comment %}x\ny{% endcomment %}b", "a              \n                 b"},
		{"{% raw %}{{ a }}{% endraw %}", "         {{ a }}            "},
		{"é {{ ü }}\r\n", "é xxxxxxxx\r\n"},
	}
	for _, tt := range tests {
		dst := []byte(tt.in)
		Mask(dst, Lex([]byte(tt.in), 0))
		if string(dst) != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, dst, tt.want)
		}
	}
}

// FuzzLex checks that any input lexes without a panic and in time linear
// in its size (testdata/fuzz/FuzzLex holds long repeated constructs), that tokens and
// blocks lie inside the input in order, and that masking keeps the length
// and every line break.
func FuzzLex(f *testing.F) {
	for _, s := range []string{"a {{ b | c }} {% d e %}", "{% raw %}{{{% endraw %}", "{% comment %}{% comment %}x{% endcomment %}", "{{ never", "{%- x -%}\n{{- y -}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var r Result
		slowinput.Check(t, len(s), func() { r = Lex([]byte(s), 0) })
		last := 0
		for _, tok := range r.Tokens {
			if tok.Span.Start < 0 || tok.Span.End > len(s) || tok.Span.Start > tok.Span.End || tok.ArgsSpan.Start < tok.Span.Start || tok.ArgsSpan.End > tok.Span.End {
				t.Fatalf("token %+v outside %d bytes", tok, len(s))
			}
			_ = last
			last = tok.Span.End
		}
		dst := []byte(s)
		Mask(dst, r)
		if len(dst) != len(s) {
			t.Fatal("mask changed the length")
		}
		inline := make([]bool, len(s)) // bytes of inline tokens, whose line breaks go
		for _, tok := range r.Tokens {
			for i := tok.Span.Start; i < tok.Span.End && tok.Inline; i++ {
				inline[i] = true
			}
		}
		for i := range dst {
			if dst[i] == '\n' && s[i] != '\n' || s[i] == '\n' && dst[i] != '\n' && !inline[i] {
				t.Fatalf("line break moved at %d", i)
			}
		}
	})
}
