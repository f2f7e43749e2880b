import { formatSnils, normaliseSnils } from './snils';

describe('SNILS (R-ROS-03)', () => {
  it.each([
    ['112-233-445 95', '11223344595'],
    ['11223344595', '11223344595'],
    ['087-654-303 00', '08765430300'],
  ])('accepts a valid number %s', (input, digits) => {
    expect(normaliseSnils(input)).toBe(digits);
  });

  it.each(['112-233-445 96', '1122334459', 'abc', '112-233-445 9x'])('rejects %s', (input) => {
    expect(normaliseSnils(input)).toBeNull();
  });

  it('formats as XXX-XXX-XXX YY', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
  });
});
