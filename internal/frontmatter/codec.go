package frontmatter

import (
	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/source"
)

// Encode appends the block's place and error to b, for the index cache;
// the YAML tree is not saved.
func (fm *FrontMatter) Encode(b []byte) []byte {
	b = binenc.AppendBool(b, fm.Present)
	b = binenc.AppendBool(b, fm.Closed)
	for _, s := range []source.Span{fm.Open, fm.Close, fm.Content} {
		b = binenc.AppendInt(b, s.Start)
		b = binenc.AppendInt(b, s.End)
	}
	b = binenc.AppendInt(b, fm.End)
	b = binenc.AppendBool(b, fm.Err != nil)
	if fm.Err != nil {
		b = binenc.AppendInt(b, fm.Err.Span.Start)
		b = binenc.AppendInt(b, fm.Err.Span.End)
		b = binenc.AppendString(b, fm.Err.Message)
	}
	return b
}

// Decode reads front matter written by Encode, for the page in f, or nil
// when the data is damaged. It has no YAML tree (Doc and Root are nil).
// f may hold no text (as the index cache restores pages): ValueSpan and
// Offset then give the start of the file.
func Decode(r *binenc.Reader, f *source.File) *FrontMatter {
	fm := &FrontMatter{file: f}
	fm.Present = r.Bool()
	fm.Closed = r.Bool()
	for _, s := range []*source.Span{&fm.Open, &fm.Close, &fm.Content} {
		s.Start = r.Int()
		s.End = r.Int()
	}
	fm.End = r.Int()
	if r.Bool() {
		fm.Err = &Error{Span: source.Span{Start: r.Int(), End: r.Int()}}
		fm.Err.Message = r.String()
	}
	if r.Err() != nil || fm.Content.End > fm.End || fm.Content.Start > fm.Content.End {
		return nil
	}
	fm.firstLine = f.Line(fm.Content.Start)
	return fm
}
