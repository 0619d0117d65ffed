import * as SearchService from '../../wailsjs/go/app/SearchService'
import * as ViewService from '../../wailsjs/go/app/ViewService'
import { asArg, invoke } from './errors'
import type { TicketFilter, TicketSummary, UserRef } from './types'

/** Start and end of a matched run of words in a search snippet (see markedParts). */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

/** One ticket found by search; `snippet`, `contact` and `mobile` mark the matched words. */
export interface SearchHit {
  ticket: TicketSummary
  snippet: string
  contact: string
  mobile: string
}

/** The quick filters and sort a saved view keeps (no paging). */
export type ViewFilter = Omit<TicketFilter, 'offset' | 'limit'> & Partial<Pick<TicketFilter, 'offset' | 'limit'>>

export interface SavedView {
  id: string
  name: string
  shared: boolean
  pinned: boolean
  filter: TicketFilter
  owner: UserRef
  canEdit: boolean
  /** Tickets a pinned view shows the current user now; -1 for a view not pinned (not counted). */
  count: number
  updatedAt: string
}

export interface ViewInput {
  id: string
  name: string
  shared: boolean
  pinned: boolean
  filter: ViewFilter
}

export const searchApi = {
  /** Tickets matching what the user typed, best first. Never rejects for odd input. */
  search: (text: string, limit = 20) => invoke<SearchHit[]>(() => SearchService.Search(text, limit)),
}

export const viewApi = {
  list: () => invoke<SavedView[]>(() => ViewService.List()),
  save: (input: ViewInput) => invoke<SavedView>(() => ViewService.Save(asArg({ ...input, filter: { offset: 0, limit: 0, ...input.filter } }))),
  remove: (id: string) => invoke<void>(() => ViewService.Delete(id)),
}
