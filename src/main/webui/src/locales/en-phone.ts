/** English texts of the phone layout: cards, bottom bar, filter sheet (merged into `en`, see en.ts). */
export const enPhone = {
  'phone.add': 'Add torrents',
  'phone.filterSort': 'Filter & sort',
  'phone.sheetTitle': 'Filter and sort',
  'phone.sortBy': 'Sort by',
  'phone.order': 'Order',
  'phone.ascending': 'Ascending',
  'phone.descending': 'Descending',
  'phone.show_one': 'Show {count} torrent',
  'phone.show_other': 'Show {count} torrents',
  'phone.eta': 'ETA {eta}',
  'phone.sizeOf': '{done} of {total}',
  'phone.errorPrefix': 'Error:',
  'phone.selectAll': 'Select all',
  'phone.selectHint': 'Tap a torrent for its details; press and hold, or tick its box, to select it.',
} as const;
