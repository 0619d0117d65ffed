import { expect, type Locator, type Page } from '@playwright/test'

// Helpers for the component library's controls, found by role and name.

/** Opens a select's option list from the keyboard (works for Select and MultiSelect). */
export async function openOptions(combobox: Locator): Promise<void> {
  await combobox.focus()
  await combobox.press('ArrowDown')
  await expect(combobox).toHaveAttribute('aria-expanded', 'true')
}

/** Picks one option of a single select. */
export async function selectOne(page: Page, combobox: Locator, option: string): Promise<void> {
  await openOptions(combobox)
  await page.getByRole('option', { name: option, exact: true }).click()
  await expect(combobox).toHaveAttribute('aria-expanded', 'false')
}

/** Toggles options of a multi-select, then closes its list. */
export async function selectMany(page: Page, combobox: Locator, options: string[]): Promise<void> {
  await openOptions(combobox)
  for (const name of options) {
    await page.getByRole('option', { name, exact: true }).click()
  }
  await page.keyboard.press('Escape')
  await expect(combobox).toHaveAttribute('aria-expanded', 'false')
  // The list fades out after the box says it is closed; until it is gone its
  // options would be found again by the next select.
  await expect(page.locator('.p-multiselect-overlay')).toHaveCount(0)
}

/** The data rows of a table (the header row left out). */
export function dataRows(table: Locator): Locator {
  return table.locator('tbody').getByRole('row')
}
