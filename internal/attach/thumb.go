package attach

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"github.com/gabriel-vasile/mimetype"

	"deskline/internal/desk"
)

// DefaultThumbSide is the thumbnail size used when Thumbnail gets maxSide <= 0.
const DefaultThumbSide = 256

// maxPreviewPixels refuses to decode images whose declared size would need
// hundreds of megabytes (a small, highly compressed "decompression bomb").
const maxPreviewPixels = 64 << 20

// Thumbnail returns a small version of a stored PNG, JPEG or GIF image whose
// longer side is at most maxSide pixels (images are never enlarged). A JPEG
// photo gives a JPEG thumbnail (turned upright per its EXIF orientation);
// PNG and GIF images give a PNG, keeping transparency. The stored file is
// verified as it is read.
//
// Returns an *Error with ErrNoPreview (code "not_found") for other types (PDF,
// WebP, Office…) and for images too large or too damaged to decode, and the
// errors of Verify for a missing or altered file.
func (s *Store) Thumbnail(hash string, maxSide int) ([]byte, error) {
	if maxSide <= 0 {
		maxSide = DefaultThumbSide
	}
	rc, err := s.Open(hash)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(64 << 10) // a short file gives a short head and an error we do not need
	mt := mimetype.Detect(head)
	var decode func(io.Reader) (image.Image, error)
	var config func(io.Reader) (image.Config, error)
	switch {
	case mt.Is("image/png"):
		decode, config = png.Decode, png.DecodeConfig
	case mt.Is("image/jpeg"):
		decode, config = jpeg.Decode, jpeg.DecodeConfig
	case mt.Is("image/gif"):
		decode, config = gif.Decode, gif.DecodeConfig
	default:
		return nil, noPreview(hash, "there is no preview for this kind of file (%s)", baseType(mt.String()))
	}
	cfg, err := config(bytes.NewReader(head))
	if err == nil && int64(cfg.Width)*int64(cfg.Height) > maxPreviewPixels {
		return nil, noPreview(hash, "this image is too large to preview (%d × %d pixels)", cfg.Width, cfg.Height)
	}
	img, err := decode(br)
	if err != nil {
		// A damaged stored file says so rather than "cannot be decoded".
		if _, verr := io.Copy(io.Discard, br); verr != nil {
			return nil, verr
		}
		return nil, noPreview(hash, "this image is damaged and cannot be previewed")
	}
	// Read the rest so the content is verified before it is shown.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, err
	}

	thumb := scaleDown(img, maxSide)
	var out bytes.Buffer
	if mt.Is("image/jpeg") {
		thumb = orient(thumb, jpegOrientation(head))
		err = jpeg.Encode(&out, thumb, &jpeg.Options{Quality: 82})
	} else {
		err = png.Encode(&out, thumb)
	}
	if err != nil {
		return nil, wrapf(err, "encode a thumbnail")
	}
	return out.Bytes(), nil
}

// noPreview returns an ErrNoPreview error with the given message.
func noPreview(hash, format string, args ...any) *Error {
	return &Error{Kind: ErrNoPreview, Hash: hash, desk: desk.Errorf(desk.ENOTFOUND, format, args...)}
}

// scaleDown returns img scaled so that its longer side is at most maxSide,
// averaging up to 4×4 samples per output pixel (enough to avoid the jagged
// look of nearest-neighbour without touching every pixel of a 40 MP photo).
func scaleDown(img image.Image, maxSide int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	tw, th := w, h
	if w > maxSide || h > maxSide {
		if w >= h {
			tw, th = maxSide, max(1, int(int64(h)*int64(maxSide)/int64(w)))
		} else {
			tw, th = max(1, int(int64(w)*int64(maxSide)/int64(h))), maxSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	if tw == w && th == h {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
		return dst
	}
	for y := 0; y < th; y++ {
		y0, y1 := b.Min.Y+y*h/th, b.Min.Y+(y+1)*h/th
		for x := 0; x < tw; x++ {
			x0, x1 := b.Min.X+x*w/tw, b.Min.X+(x+1)*w/tw
			dst.SetRGBA(x, y, average(img, x0, x1, y0, y1))
		}
	}
	return dst
}

// average returns the mean colour of up to 4×4 evenly spread samples of the
// box [x0,x1)×[y0,y1).
func average(img image.Image, x0, x1, y0, y1 int) color.RGBA {
	if x1 <= x0 {
		x1 = x0 + 1
	}
	if y1 <= y0 {
		y1 = y0 + 1
	}
	nx, ny := min(4, x1-x0), min(4, y1-y0)
	var r, g, b, a, n uint64
	for j := 0; j < ny; j++ {
		y := y0 + (2*j+1)*(y1-y0)/(2*ny)
		for i := 0; i < nx; i++ {
			x := x0 + (2*i+1)*(x1-x0)/(2*nx)
			cr, cg, cb, ca := img.At(x, y).RGBA()
			r, g, b, a, n = r+uint64(cr), g+uint64(cg), b+uint64(cb), a+uint64(ca), n+1
		}
	}
	return color.RGBA{R: uint8(r / n >> 8), G: uint8(g / n >> 8), B: uint8(b / n >> 8), A: uint8(a / n >> 8)}
}

// orient turns an image upright according to an EXIF orientation (1–8).
func orient(src *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return src
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored, upside down
				dx, dy = x, h-1-y
			case 5: // mirrored, rotated
				dx, dy = y, x
			case 6: // rotated 90° clockwise to be upright
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8: // rotated 90° counter-clockwise to be upright
				dx, dy = y, w-1-x
			}
			dst.SetRGBA(dx, dy, src.RGBAAt(x, y))
		}
	}
	return dst
}

// jpegOrientation returns the EXIF orientation tag (1–8) of a JPEG from its
// first bytes, or 1 when there is none.
func jpegOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return 1
		}
		marker := b[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // image data begins: no EXIF before it
			return 1
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		seg := i + 4
		end := i + 2 + n
		if n < 2 || end > len(b) {
			return 1
		}
		if marker == 0xE1 && end-seg > 6 && string(b[seg:seg+6]) == "Exif\x00\x00" {
			return exifOrientation(b[seg+6 : end])
		}
		i = end
	}
	return 1
}

// exifOrientation reads tag 0x0112 from IFD0 of a TIFF-structured EXIF block.
func exifOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	count := int(bo.Uint16(t[ifd:]))
	for k := 0; k < count; k++ {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // SHORT
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}
