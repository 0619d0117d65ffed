package attach

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"testing"

	"deskline/internal/desk"
)

func TestThumbnail(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Limits{})
	put := func(t *testing.T, content []byte, name string) string {
		t.Helper()
		b, err := s.Put(ctx, bytes.NewReader(content), name)
		if err != nil {
			t.Fatal(err)
		}
		return b.Hash
	}
	decode := func(t *testing.T, data []byte, format string) image.Image {
		t.Helper()
		img, got, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if got != format {
			t.Fatalf("thumbnail format = %s, want %s", got, format)
		}
		return img
	}

	tests := []struct {
		name    string
		content []byte
		side    int
		format  string
		w, h    int
	}{
		{"PNGWide", pngBytes(t, 800, 400), 256, "png", 256, 128},
		{"JPEGTall", jpegBytes(t, 300, 600), 128, "jpeg", 64, 128},
		{"GIFSmallNotEnlarged", gifBytes(t, 10, 12), 256, "png", 10, 12},
		{"DefaultSide", pngBytes(t, 1000, 1000), 0, "png", DefaultThumbSide, DefaultThumbSide},
		{"JPEGRotatedByEXIF", withExifOrientation(jpegBytes(t, 400, 200), 6), 100, "jpeg", 50, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := s.Thumbnail(put(t, tt.content, "img"), tt.side)
			if err != nil {
				t.Fatal(err)
			}
			b := decode(t, data, tt.format).Bounds()
			if b.Dx() != tt.w || b.Dy() != tt.h {
				t.Fatalf("thumbnail is %d×%d, want %d×%d", b.Dx(), b.Dy(), tt.w, tt.h)
			}
		})
	}

	t.Run("ColoursKept", func(t *testing.T) {
		// A flat colour stays that colour after averaging.
		img := image.NewRGBA(image.Rect(0, 0, 300, 300))
		for i := range img.Pix {
			img.Pix[i] = []byte{200, 40, 90, 255}[i%4]
		}
		var buf bytes.Buffer
		png.Encode(&buf, img)
		data, err := s.Thumbnail(put(t, buf.Bytes(), "flat.png"), 32)
		if err != nil {
			t.Fatal(err)
		}
		r, g, b, _ := decode(t, data, "png").At(10, 10).RGBA()
		if r>>8 != 200 || g>>8 != 40 || b>>8 != 90 {
			t.Fatalf("colour = %d,%d,%d, want 200,40,90", r>>8, g>>8, b>>8)
		}
	})

	t.Run("ErrNoPreview", func(t *testing.T) {
		for name, content := range map[string][]byte{
			"PDF":  []byte("%PDF-1.4\n%%EOF\n"),
			"Text": []byte("just words\n"),
			"Docx": minimalDocx(t),
		} {
			_, err := s.Thumbnail(put(t, content, "f"), 64)
			if !errors.Is(err, ErrNoPreview) || desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("%s: err = %v, want ErrNoPreview", name, err)
			}
		}
	})

	t.Run("DecompressionBomb", func(t *testing.T) {
		// A real PNG whose header claims 30000×30000 pixels.
		data := pngBytes(t, 4, 4)
		binary.BigEndian.PutUint32(data[16:], 30000)
		binary.BigEndian.PutUint32(data[20:], 30000)
		binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
		_, err := s.Thumbnail(put(t, data, "bomb.png"), 64)
		if !errors.Is(err, ErrNoPreview) {
			t.Fatalf("err = %v, want ErrNoPreview", err)
		}
		if got, want := desk.ErrorMessage(err), "this image is too large to preview (30000 × 30000 pixels)"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})

	t.Run("ErrAltered", func(t *testing.T) {
		h := put(t, pngBytes(t, 64, 64), "a.png")
		p, _ := s.Path(h)
		data, _ := os.ReadFile(p)
		data[len(data)-20] ^= 0xFF
		os.WriteFile(p, data, 0o600)
		if _, err := s.Thumbnail(h, 32); !errors.Is(err, ErrAltered) {
			t.Fatalf("err = %v, want ErrAltered", err)
		}
	})

	t.Run("ErrMissing", func(t *testing.T) {
		h := put(t, jpegBytes(t, 20, 20), "b.jpg")
		p, _ := s.Path(h)
		os.Remove(p)
		if _, err := s.Thumbnail(h, 32); !errors.Is(err, ErrMissing) {
			t.Fatalf("err = %v, want ErrMissing", err)
		}
	})
}

func TestJPEGOrientation(t *testing.T) {
	plain := jpegBytes(t, 8, 8)
	if o := jpegOrientation(plain); o != 1 {
		t.Errorf("no EXIF: orientation %d, want 1", o)
	}
	for o := uint16(1); o <= 8; o++ {
		if got := jpegOrientation(withExifOrientation(plain, o)); got != int(o) {
			t.Errorf("orientation %d read as %d", o, got)
		}
	}
	if o := jpegOrientation([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF}); o != 1 {
		t.Errorf("truncated: orientation %d, want 1", o)
	}
}

func TestOrient(t *testing.T) {
	// A 2×1 image: red then blue.
	src := image.NewRGBA(image.Rect(0, 0, 2, 1))
	red, blue := []byte{255, 0, 0, 255}, []byte{0, 0, 255, 255}
	copy(src.Pix[0:], red)
	copy(src.Pix[4:], blue)
	type px struct{ x, y int }
	tests := map[int]struct {
		w, h      int
		red, blue px
	}{
		1: {2, 1, px{0, 0}, px{1, 0}},
		2: {2, 1, px{1, 0}, px{0, 0}},
		3: {2, 1, px{1, 0}, px{0, 0}},
		6: {1, 2, px{0, 0}, px{0, 1}}, // rotated clockwise: red on top
		8: {1, 2, px{0, 1}, px{0, 0}}, // rotated counter-clockwise: blue on top
	}
	for o, want := range tests {
		dst := orient(src, o)
		if dst.Bounds().Dx() != want.w || dst.Bounds().Dy() != want.h {
			t.Errorf("orientation %d: %v, want %d×%d", o, dst.Bounds(), want.w, want.h)
			continue
		}
		if c := dst.RGBAAt(want.red.x, want.red.y); c.R != 255 {
			t.Errorf("orientation %d: red not at %v", o, want.red)
		}
		if c := dst.RGBAAt(want.blue.x, want.blue.y); c.B != 255 {
			t.Errorf("orientation %d: blue not at %v", o, want.blue)
		}
	}
}
