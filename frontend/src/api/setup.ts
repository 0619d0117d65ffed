import * as SetupService from '../../wailsjs/go/app/SetupService'
import { invoke } from './errors'
import type { AppState, Vocabulary } from './types'

export const setupApi = {
  state: () => invoke<AppState>(() => SetupService.State()),
  initialize: (orgName: string, adminName: string, pin: string) =>
    invoke<AppState>(() => SetupService.Initialize(orgName, adminName, pin)),
  vocabulary: () => invoke<Vocabulary>(() => SetupService.Vocabulary()),
}
