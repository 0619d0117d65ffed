import { onScopeDispose, ref, type Ref } from 'vue'

/** Whether the system asks for dark colours (the app's theme follows it), kept up to date. */
export function usePrefersDark(): Ref<boolean> {
  const dark = ref(false)
  if (typeof window === 'undefined' || !window.matchMedia) return dark
  const mq = window.matchMedia('(prefers-color-scheme: dark)')
  dark.value = mq.matches
  const onChange = (e: MediaQueryListEvent) => (dark.value = e.matches)
  mq.addEventListener('change', onChange)
  onScopeDispose(() => mq.removeEventListener('change', onChange))
  return dark
}
