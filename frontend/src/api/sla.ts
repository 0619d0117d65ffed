import * as SLAService from '../../wailsjs/go/app/SLAService'
import { asArg, invoke } from './errors'
import type { Option, SLAConfig } from './types'

export const slaApi = {
  config: () => invoke<SLAConfig>(() => SLAService.Config()),
  /** Admins only; errors name the field as a path, e.g. `calendars[0].zone`. */
  save: (config: SLAConfig) => invoke<SLAConfig>(() => SLAService.Save(asArg(config))),
  /** The ways a note records a reply to the customer (call, WhatsApp, …). */
  noteChannels: () => invoke<Option[]>(() => SLAService.NoteChannels()),
}
