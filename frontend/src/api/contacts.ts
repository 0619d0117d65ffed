import * as ContactService from '../../wailsjs/go/app/ContactService'
import { asArg, invoke } from './errors'
import type { Contact, ContactDetail, ContactInput, ContactKind, DuplicateGroup } from './types'

export const contactApi = {
  /** kind '' searches customers and leads; text matches the name or any part of the mobile. */
  search: (kind: ContactKind | '', text: string, limit: number) =>
    invoke<Contact[]>(() => ContactService.Search(kind, text, limit)),
  get: (id: string) => invoke<ContactDetail>(() => ContactService.Get(id)),
  save: (input: ContactInput) => invoke<Contact>(() => ContactService.Save(asArg(input))),
  convertToCustomer: (id: string) => invoke<Contact>(() => ContactService.ConvertToCustomer(id)),
  /** The records that already have this mobile number, leaving out exceptId (the record being edited). */
  withMobile: (mobile: string, exceptId: string) => invoke<Contact[]>(() => ContactService.WithMobile(mobile, exceptId)),
  /** Possible duplicates: numbers carried by more than one record. */
  duplicates: () => invoke<DuplicateGroup[]>(() => ContactService.Duplicates()),
  /** Merges id into intoId (admins); returns the surviving record. */
  merge: (id: string, intoId: string) => invoke<Contact>(() => ContactService.Merge(id, intoId)),
}
