import * as UserService from '../../wailsjs/go/app/UserService'
import { asArg, invoke } from './errors'
import type { AppState, User, UserInput } from './types'

export const userApi = {
  list: () => invoke<User[]>(() => UserService.List()),
  save: (input: UserInput) => invoke<User>(() => UserService.Save(asArg(input))),
  switchTo: (id: string) => invoke<AppState>(() => UserService.SwitchTo(id)),
}
