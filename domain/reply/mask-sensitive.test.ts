import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSensitive, maskSensitiveDeep, type SensitiveKind } from './mask-sensitive.ts';

describe('maskSensitive: masks personal numbers', () => {
  it.each<[string, string, string, SensitiveKind[]]>([
    ['a CCCD', 'CCCD 001203004567', 'CCCD *********567', ['citizen_id']],
    [
      'a CCCD without keyword',
      'ông A, 001203004567, đã cập nhật',
      'ông A, *********567, đã cập nhật',
      ['citizen_id'],
    ],
    [
      'a CCCD in groups with spaces',
      'số 001 203 004 567 của ông A',
      'số *********567 của ông A',
      ['citizen_id'],
    ],
    ['a CCCD in groups with dots', 'căn cước 001.203.004.567', 'căn cước *********567', ['citizen_id']],
    ['an old CMND after a keyword', 'CMND: 123456789', 'CMND: ******789', ['citizen_id']],
    [
      'a personal ID number after a keyword',
      'số định danh cá nhân 123456789012',
      'số định danh cá nhân *********012',
      ['citizen_id'],
    ],
    ['a mobile number', 'gọi 0912345678', 'gọi *******678', ['phone']],
    ['a mobile number in groups', 'SĐT 0912 345 678 nhé', 'SĐT *******678 nhé', ['phone']],
    ['a mobile number with dots', 'liên hệ 0912.345.678.', 'liên hệ *******678.', ['phone']],
    ['a +84 number', 'ĐT +84 912 345 678', 'ĐT ********678', ['phone']],
    ['a (+84) number', '(+84)912345678', '********678', ['phone']],
    ['an 84 number', 'zalo 84912345678', 'zalo ********678', ['phone']],
    ['a landline', 'ĐT cơ quan 024 3826 1234', 'ĐT cơ quan ********234', ['phone']],
    ['a number glued to letters', 'SĐT:0987654321', 'SĐT:*******321', ['phone']],
    ['two phones separated by a comma', '0912345678,0987654321', '*******678,*******321', ['phone']],
    ['a bank account after STK', 'STK 0123456789123', 'STK **********123', ['bank_account']],
    [
      'a bank account after a bank name',
      'STK Vietcombank: 0123 4567 89123',
      'STK Vietcombank: **********123',
      ['bank_account'],
    ],
    [
      'a bank account after "tài khoản số"',
      'tài khoản số 12345678',
      'tài khoản số *****678',
      ['bank_account'],
    ],
    [
      'a bank account after plain "tai khoan"',
      'tai khoan 9876543210',
      'tai khoan *******210',
      ['bank_account'],
    ],
    [
      'a bank account after "tk"',
      'chuyển vào tk 1903 5555 8888',
      'chuyển vào tk *********888',
      ['bank_account'],
    ],
    ['an account number in English', 'account no. 1234567890', 'account no. *******890', ['bank_account']],
    ['a phone-like number after STK is a bank account', 'STK 0912345678', 'STK *******678', ['bank_account']],
    [
      'several kinds, in order of appearance',
      'SĐT 0912345678, CCCD 001203004567, STK 12345678',
      'SĐT *******678, CCCD *********567, STK *****678',
      ['phone', 'citizen_id', 'bank_account'],
    ],
    [
      'decomposed input is normalised',
      'so\u0302\u0301 ta\u0300i khoa\u0309n 12345678',
      'số tài khoản *****678',
      ['bank_account'],
    ],
  ])('GIVEN %s THEN it is masked', (_name, input, expected, kinds) => {
    expect(maskSensitive(input)).toEqual({ text: expected, masked: kinds });
  });
});

describe('maskSensitive: leaves ordinary numbers alone', () => {
  it.each([
    ['progress', 'đang 60%, đạt 100 %'],
    ['counts', 'đã lắp 5/7 camera, 12/15 xã'],
    ['dates', 'ngày 30/10/2023, hạn 31.12.2024'],
    ['document numbers', 'theo Quyết định 4466/QĐ-UBND và Đề án 06/QĐ-TTg'],
    ['years', 'năm 2023 đến 2025'],
    ['amounts with thousand separators', 'kinh phí 100.000.000.000 đồng, 1,250,000,000 đ'],
    ['an amount after "tài khoản"', 'tài khoản nhận 12.345.678 đồng'],
    ['identity app accounts', 'tài khoản định danh điện tử: 12345678 tài khoản'],
    ['a count of accounts', 'đã kích hoạt 12.345.678 tài khoản VNeID'],
    ['a short number after tk', 'TK 2023'],
    ['the in-progress short form', 'dtk 60%'],
    ['an 8-digit date stamp', 'mã 20231030'],
    ['a 13-digit number', '0912345678901'],
    ['a 12-digit number not starting with 0', '123456789012'],
    ['a 9-digit number without keyword', '123456789'],
    ['a task code', '#12 xong, NV20 đang 40%'],
  ])('GIVEN %s THEN nothing is masked', (_name, input) => {
    expect(maskSensitive(input)).toEqual({ text: input, masked: [] });
  });
});

describe('maskSensitive: properties', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .array(
        fc.constantFrom(
          'STK',
          'tài khoản',
          'CCCD',
          'SĐT',
          '0912345678',
          '001203004567',
          '60%',
          '5/7',
          '30/10/2023',
          ' ',
          ',',
          '.',
          '0',
          '9',
          '+84',
        ),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join('')),
  );

  it('never throws, never shortens the text outside numbers, and leaves at most 3 digits of a masked number', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { text: out, masked } = maskSensitive(input);
        const source = input.normalize('NFC');
        if (masked.length === 0) expect(out).toBe(source);
        else expect(out).toContain('***');
        expect(out.replace(/[\d*. \-+()]/gu, '')).toBe(source.replace(/[\d*. \-+()]/gu, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: masking masked text changes nothing more', () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = maskSensitive(input).text;
        expect(maskSensitive(once)).toEqual({ text: once, masked: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it('masks any mobile number, however grouped', () => {
    const grouped = fc
      .tuple(
        fc.constantFrom('03', '05', '07', '08', '09'),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('', ' ', '.'),
      )
      .map(
        ([head, rest, sep]) =>
          `${head}${rest.slice(0, 2).join('')}${sep}${rest.slice(2, 5).join('')}${sep}${rest.slice(5).join('')}`,
      );
    fc.assert(
      fc.property(grouped, (phone) => {
        const { text: out, masked } = maskSensitive(`Liên hệ ${phone} nhé`);
        expect(masked).toEqual(['phone']);
        expect(out).toBe(`Liên hệ *******${phone.replace(/\D/gu, '').slice(-3)} nhé`);
      }),
    );
  });
});

describe('maskSensitiveDeep: every string of a JSON value', () => {
  it('GIVEN nested objects and arrays THEN strings are masked, keys, numbers and opaque fields kept', () => {
    const input = {
      text: 'gọi 0912 345 678',
      from: { id: 912345678, phone_number: '+84912345678' },
      list: ['CCCD 001099012345', 'Số: 123/KH-UBND ngày 30/10/2023, 60%', null, true],
      document: { file_id: 'AgAD0912345678xyz', base64: 'MDkxMjM0NTY3OA0912345678' },
    };
    expect(maskSensitiveDeep(input)).toEqual({
      text: 'gọi *******678',
      from: { id: 912345678, phone_number: '********678' },
      list: ['CCCD *********345', 'Số: 123/KH-UBND ngày 30/10/2023, 60%', null, true],
      document: { file_id: 'AgAD0912345678xyz', base64: 'MDkxMjM0NTY3OA0912345678' },
    });
  });

  it('GIVEN a class instance or a string with nothing personal THEN the very same value', () => {
    const date = new Date(0);
    expect(maskSensitiveDeep(date)).toBe(date);
    const decomposed = 'tie\u0302\u0301n đô\u0323';
    expect(maskSensitiveDeep(decomposed)).toBe(decomposed);
  });
});
