import fc from 'fast-check';
import { formatDocument, parseDocument } from '../../src/domain/customers/document';
import { parseMobilePhone, parsePhone } from '../../src/domain/customers/phone';

describe('documents', () => {
  test.each([
    ['529.982.247-25', { type: 'cpf', value: '52998224725' }],
    ['52998224725', { type: 'cpf', value: '52998224725' }],
    ['11.222.333/0001-81', { type: 'cnpj', value: '11222333000181' }],
    // Receita Federal's published example of an alphanumeric CNPJ.
    ['12.ABC.345/01DE-35', { type: 'cnpj', value: '12ABC34501DE35' }],
    ['12abc34501de35', { type: 'cnpj', value: '12ABC34501DE35' }],
  ])('when %s is given, then it is accepted and normalised', (input, expected) => {
    expect(parseDocument(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    '529.982.247-24',
    '111.111.111-11',
    '11.222.333/0001-82',
    '12.ABC.345/01DE-36',
    '00000000000000',
    '1234',
    '12.ABC.345/01DE-3X',
  ])('when %s is given, then it is refused', (input) => {
    const result = parseDocument(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_DOCUMENT');
  });

  test('when a valid document is formatted and parsed again, then it is the same document', () => {
    for (const input of ['52998224725', '11222333000181', '12ABC34501DE35']) {
      const parsed = parseDocument(input);
      if (!parsed.ok) throw new Error('fixture is invalid');
      expect(parseDocument(formatDocument(parsed.value))).toEqual(parsed);
    }
  });

  test('when one character of a valid CPF changes, then the check digits catch it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digits = [...'52998224725'].map(Number);
        digits[position] = (digits[position]! + delta) % 10;
        expect(parseDocument(digits.join('')).ok).toBe(false);
      }),
    );
  });
});

describe('phones', () => {
  test.each([
    '(11) 91234-5678',
    '11912345678',
    '+55 11 91234-5678',
    '5511912345678',
    '011 91234 5678',
    '11 9 1234-5678',
  ])('when the mobile %s is given, then it is stored as E.164', (input) => {
    expect(parseMobilePhone(input)).toEqual({ ok: true, value: '+5511912345678' });
  });

  test.each(['(11) 3123-4567', '(10) 91234-5678', '91234-5678', '+1 415 555 0100', '(11) 81234-5678', 'phone'])(
    'when %s is given as a mobile, then it is refused',
    (input) => {
      expect(parseMobilePhone(input).ok).toBe(false);
    },
  );

  test('when a landline is given as another phone, then it is accepted', () => {
    expect(parsePhone('(48) 3222-1000')).toEqual({ ok: true, value: '+554832221000' });
  });
});
