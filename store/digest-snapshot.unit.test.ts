import { describe, expect, it } from 'vitest';
import { responsibleNames } from './digest-snapshot.ts';

describe('responsibleNames', () => {
  it.each([
    [['Công an tỉnh'], ['Các sở, ban, ngành'], 'x', ['Công an tỉnh', 'Các sở, ban, ngành']],
    [[], ['UBND các xã, phường, đặc khu'], 'x', ['UBND các xã, phường, đặc khu']],
    [[], [], 'Tổ công tác\n liên ngành', ['Tổ công tác liên ngành']],
    [[], [], '', []],
  ])(
    'GIVEN agencies %j and collectives %j THEN the column reads %j',
    (agencies, collectives, raw, expected) => {
      expect(responsibleNames(agencies, collectives, raw)).toEqual(expected);
    },
  );
});
