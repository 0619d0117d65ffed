import * as ContactService from '../../wailsjs/go/app/ContactService'
import { asArg, invoke } from './errors'
import type { Contact, ContactDetail, ContactInput, ContactKind } from './types'

export const contactApi = {
  /** kind '' searches customers and leads; text matches the name or any part of the mobile. */
  search: (kind: ContactKind | '', text: string, limit: number) =>
    invoke<Contact[]>(() => ContactService.Search(kind, text, limit)),
  get: (id: string) => invoke<ContactDetail>(() => ContactService.Get(id)),
  save: (input: ContactInput) => invoke<Contact>(() => ContactService.Save(asArg(input))),
  convertToCustomer: (id: string) => invoke<Contact>(() => ContactService.ConvertToCustomer(id)),
}
