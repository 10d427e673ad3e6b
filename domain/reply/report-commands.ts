/**
 * The names of the report command (`/baocao 12 xong`): the Vietnamese name first, the English alias
 * second, then the other spellings officers type. The reply grammar strips these from the front of a
 * line, and the command registry routes every one of them to the report handler: one list, so that a
 * command the grammar reads can never answer "unknown command".
 */
export const REPORT_COMMAND_NAMES = [
  'baocao',
  'report',
  'bao_cao',
  'bc',
  'capnhat',
  'cap_nhat',
  'status',
  'tiendo',
  'tien_do',
] as const;
