import * as AboutService from '../../wailsjs/go/app/AboutService'
import { invoke } from './errors'

/** Which Deskline this is and where it keeps its data. */
export interface About {
  name: string
  version: string
  dataDir: string
}

export const aboutApi = {
  about: () => invoke<About>(() => AboutService.About()),
}
