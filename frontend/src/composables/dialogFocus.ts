// A dialog (PrimeVue Dialog) moves focus to its [autofocus] field when its
// opening animation ends. A quick user may already be typing in another
// field by then, and their keys would land in the wrong one. Put this on the
// dialog's form as @focusin: the [autofocus] marker follows the user's focus,
// so the dialog focuses where they already are.
export function autofocusFollowsFocus(e: FocusEvent): void {
  const el = e.target
  const form = e.currentTarget
  if (!(el instanceof HTMLElement) || !(form instanceof HTMLElement)) return
  form.querySelectorAll('[autofocus]').forEach((x) => x !== el && x.removeAttribute('autofocus'))
  el.setAttribute('autofocus', '')
}
