import { DEFINED_CODES, ERROR_CATALOGUE } from '../../src/domain/errors';

/* Issue 25, item 1: each area keeps its own error codes; the catalogue is their union. */
describe('the error catalogue', () => {
  test('when the areas define their codes, then no two define the same one and each has a status and a meaning', () => {
    const codes = Object.keys(ERROR_CATALOGUE);
    expect(codes).toHaveLength(DEFINED_CODES);
    for (const [code, record] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect([400, 401, 403, 404, 405, 409, 412, 413, 414, 415, 422, 429, 500, 502, 503]).toContain(record.status);
      expect(record.meaning).toMatch(/^[A-Z`].{10,}[.)]$/s);
    }
  });

  test('when the catalogue is listed, then it goes by status, then by code', () => {
    const listed = Object.entries(ERROR_CATALOGUE).map(([code, { status }]) => `${String(status)} ${code}`);
    expect(listed).toEqual([...listed].sort());
  });
});
