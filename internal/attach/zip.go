package attach

import (
	"archive/zip"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// classifyZip decides on a ZIP-based file once it is fully copied, from the
// archive's central directory (which sits at its end, beyond what sniffing
// sees): an Office document made by a tool that orders its entries unusually
// is recognised, a macro-enabled document disguised as .docx is refused, and
// anything else in a ZIP (a plain archive, an e-book…) is refused unless
// allowed.
func (l Limits) classifyZip(name string, r io.ReaderAt, size int64, sniffed *mimetype.MIME) (*mimetype.MIME, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		what := "a damaged ZIP archive"
		if !sniffed.Is("application/zip") {
			what = "a damaged Office document"
		}
		return nil, l.notAllowed(name, what)
	}
	var contentTypes, word, xl, ppt, macros bool
	odfType := ""
	for _, f := range zr.File {
		n := f.Name
		switch {
		case n == "[Content_Types].xml":
			contentTypes = true
		case strings.HasPrefix(n, "word/"):
			word = true
		case strings.HasPrefix(n, "xl/"):
			xl = true
		case strings.HasPrefix(n, "ppt/"):
			ppt = true
		case n == "mimetype" && f.UncompressedSize64 < 128:
			odfType = readSmall(f)
		}
		base := strings.ToLower(path.Base(n))
		if base == "vbaproject.bin" || base == "vbadata.xml" {
			macros = true
		}
	}
	if macros {
		return nil, l.notAllowed(name, "an Office document with macros")
	}
	mt := sniffed
	if sniffed.Is("application/zip") {
		found := ""
		switch {
		case contentTypes && word:
			found = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case contentTypes && xl:
			found = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		case contentTypes && ppt:
			found = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
		case strings.HasPrefix(odfType, "application/vnd.oasis.opendocument."):
			found = odfType
		}
		if m := mimetype.Lookup(found); found != "" && m != nil {
			mt = m
		}
	}
	if what := deniedByContent(mt); what != "" {
		return nil, l.notAllowed(name, what)
	}
	if !l.allows(mt) {
		return nil, l.notAllowed(name, describe(mt))
	}
	return mt, nil
}

// readSmall returns the content of a tiny zip entry, or "".
func readSmall(f *zip.File) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 128))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// FormatSize writes a byte count the way people read it: "812 bytes",
// "14.5 KB", "31.2 MB", "25 MB" (binary units, one decimal when needed).
func FormatSize(n int64) string {
	if n < 1024 {
		if n == 1 {
			return "1 byte"
		}
		return strconv.FormatInt(n, 10) + " bytes"
	}
	units := []string{"KB", "MB", "GB", "TB"}
	v := float64(n) / 1024
	u := 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + units[u]
}
