// The window's fonts ship inside the app (Inter from @fontsource-variable/inter,
// the icons from primeicons) and are loaded before the first paint, so the
// first rows are drawn in their final font and never move when a font swaps in.
// The faces come from the app's own asset server: a few milliseconds.
import '@fontsource-variable/inter/wght.css'

// The faces the first screen needs: Inter's Latin subset (the one that holds
// the space character) in the weights the window uses, and the icon font.
const firstPaint = ['400 1em "Inter Variable"', '600 1em "Inter Variable"', '1em primeicons']

// loadFonts resolves once the first screen's fonts are ready, or failed to
// load (then the window draws with the system font, as it would without them).
export async function loadFonts(fonts: FontFaceSet | undefined = document.fonts): Promise<void> {
  if (!fonts) return
  await Promise.all(firstPaint.map((f) => fonts.load(f).catch(() => [])))
}
