package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"golang.org/x/net/html"
)

// ImageAltOptions are image-alt's options.
type ImageAltOptions struct {
	// Generic are more alt texts that say nothing, beside the built-in ones
	// (image, photo, imagen, image de, 图片, ...), in any language.
	Generic []string `yaml:"generic"`
}

// genericAlt are alt texts that say nothing of the image, in the site's languages.
var genericAlt = []string{
	"image", "img", "photo", "picture", "graphic", "screenshot", "icon", "logo", "banner",
	"imagen", "foto", "fotografía", "gráfico", "captura de pantalla", "icono", "imagen de",
	"image de", "photo de", "illustration", "capture d'écran", "icône",
	"图片", "图像", "照片", "截图", "图标",
}

// fileNameAlt is alt text that is a file name (IMG_2041.PNG, screenshot.png).
var fileNameAlt = regexp.MustCompile(`(?i)^[\w\-. ]+\.(png|jpe?g|gif|svg|webp|bmp|tiff?|avif|heic)$`)

// imageAlt reports images without a text alternative that says what they show.
func imageAlt() *lint.Rule {
	return &lint.Rule{
		Name:     "image-alt",
		Doc:      doc("image-alt"),
		Severity: lint.Error,
		Options:  func() any { return &ImageAltOptions{} },
		Run: func(p *lint.Pass) {
			opts := p.Options.(*ImageAltOptions)
			for i := range p.Page.Images {
				img := &p.Page.Images[i]
				if msg := altProblem(p, img, opts); msg != "" {
					p.Reportf(img.Span, "%s", msg)
				}
			}
		},
	}
}

// altProblem says what is wrong with an image's text alternative, or "".
func altProblem(p *lint.Pass, img *page.Img, opts *ImageAltOptions) string {
	decorative := img.Attrs["role"] == "presentation" || img.Attrs["role"] == "none" || img.Attrs["aria-hidden"] == "true"
	// a title names an image that lacks alt (the accessible name's last
	// source, which axe-core accepts)
	named := strings.TrimSpace(img.Attrs["aria-label"]) != "" || strings.TrimSpace(img.Attrs["aria-labelledby"]) != "" ||
		img.HTML && !img.HasAlt && strings.TrimSpace(img.Attrs["title"]) != ""
	if p.Page.LiquidIn(img.Alt) {
		return "" // the alt text comes from Liquid: unknown here
	}
	alt := ""
	if img.HasAlt {
		alt = string(spanText(p, img.Alt))
	}
	if a, ok := img.Attrs["alt"]; ok && !img.HTML {
		alt = a // set by a kramdown attribute list, which wins
	} else if img.HTML {
		alt = html.UnescapeString(alt)
	} else {
		alt = visibleText([]byte(alt))
	}
	alt = strings.TrimSpace(alt)
	switch {
	case img.HTML && !img.HasAlt:
		if decorative || named {
			return ""
		}
		return "<img> has no alt attribute: screen readers read its file name instead; describe the image in alt, or write alt=\"\" if it is decorative"
	case alt == "":
		if decorative || named || img.HTML {
			return "" // alt="" marks a decorative image (WCAG H67)
		}
		return "image has no alt text: describe what it shows between the brackets, or mark it decorative with {: role=\"presentation\"}"
	case fileNameAlt.MatchString(alt):
		return fmt.Sprintf("alt text %s is a file name: describe what the image shows", quote(alt))
	case slices.Contains(genericAlt, phraseKey(alt)) || slices.ContainsFunc(opts.Generic, func(g string) bool { return phraseKey(g) == phraseKey(alt) }):
		return fmt.Sprintf("alt text %s says nothing about the image: describe what it shows", quote(alt))
	}
	return ""
}
