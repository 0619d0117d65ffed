import * as CatalogService from '../../wailsjs/go/app/CatalogService'
import { asArg, invoke } from './errors'
import type { CatalogInput, CatalogItem } from './types'

export const catalogApi = {
  listSubjects: (includeInactive: boolean) =>
    invoke<CatalogItem[]>(() => CatalogService.ListSubjects(includeInactive)),
  saveSubject: (input: CatalogInput) => invoke<CatalogItem>(() => CatalogService.SaveSubject(asArg(input))),
  listSources: (includeInactive: boolean) =>
    invoke<CatalogItem[]>(() => CatalogService.ListSources(includeInactive)),
  saveSource: (input: CatalogInput) => invoke<CatalogItem>(() => CatalogService.SaveSource(asArg(input))),
}
