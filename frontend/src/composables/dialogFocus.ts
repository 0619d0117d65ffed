// A dialog (PrimeVue Dialog) moves focus to its [autofocus] field when its
// opening animation ends. A quick user may already be typing in another
// field by then, and their keys would land in the wrong one. This listener,
// installed once for the whole app (main.ts), lets the [autofocus] marker of
// a dialog's form follow the user's focus, so the dialog focuses where they
// already are.
export function autofocusFollowsFocus(e: FocusEvent): void {
  const el = e.target
  if (!(el instanceof HTMLElement) || !el.closest('[role="dialog"]')) return
  const form = el.closest('form')
  if (!form) return
  form.querySelectorAll('[autofocus]').forEach((x) => x !== el && x.removeAttribute('autofocus'))
  el.setAttribute('autofocus', '')
}

/** Installs autofocusFollowsFocus for every dialog of the document. */
export function installDialogFocus(doc: Document = document): void {
  doc.addEventListener('focusin', autofocusFollowsFocus)
}
