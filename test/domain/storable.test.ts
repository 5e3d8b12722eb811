import { isPlausibleInstant, isUnstorableText, unstorableTextAt } from '../../src/domain/shared/storable';

describe('what PostgreSQL can keep', () => {
  test('when a string holds a NUL or a surrogate without its pair, then it is unstorable; a whole pair and plain text are not', () => {
    for (const text of ['a\u0000b', '\ud800', 'x\udc00y', '\udc00\ud800']) expect(isUnstorableText(text)).toBe(true);
    for (const text of ['São Paulo', '😀', '', 'a\u0001b']) expect(isUnstorableText(text)).toBe(false);
  });

  test('when a value nests an unstorable string, then its JSON pointer is named, keys escaped; a clean value has none', () => {
    expect(unstorableTextAt({ events: [{ phone: 'ok' }, { phone: '1\u0000' }] })).toBe('/events/1/phone');
    expect(unstorableTextAt({ 'a/b': { '~k': '\ud800' } })).toBe('/a~1b/~0k');
    expect(unstorableTextAt({ ['bad\u0000key']: 1 })).toBe('/bad\u0000key');
    expect(unstorableTextAt('\u0000')).toBe('');
    expect(unstorableTextAt({ a: [1, true, null, 'São'] })).toBeNull();
  });

  test('when a value nests a hundred thousand levels deep, then it is walked without exhausting the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextAt(deep)).toBe('/0'.repeat(100_000));
  });

  test('when an instant falls outside 1900–2999 or is not a date, then it is not plausible', () => {
    expect(isPlausibleInstant(new Date('2026-11-02T12:00:00Z'))).toBe(true);
    for (const at of [
      new Date('0000-01-01T00:00:00Z'),
      new Date(8.64e15),
      new Date(-8.64e15),
      new Date('3000-01-01T00:00:00Z'),
      new Date(Number.NaN),
    ])
      expect(isPlausibleInstant(at)).toBe(false);
  });
});
