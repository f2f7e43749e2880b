import { correctionWeek } from './correction-week';

describe('R-JRN-04 weekly correction of absence reasons', () => {
  const moscow = (t: string) => new Date(`${t}+03:00`);

  it('opens the current and the previous ISO week, in the school\'s zone', () => {
    const now = moscow('2026-12-02T10:00:00'); // Wednesday of 2026-W49
    expect(correctionWeek('2026-12-04', now, 'Europe/Moscow')).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-06', state: 'open',
      correctableUntil: '2026-12-13T21:00:00.000Z' });
    expect(correctionWeek('2026-11-23', now, 'Europe/Moscow')).toMatchObject({ weekStart: '2026-11-23', state: 'open', correctableUntil: '2026-12-06T21:00:00.000Z' });
    expect(correctionWeek('2026-11-22', now, 'Europe/Moscow')).toMatchObject({ weekStart: '2026-11-16', state: 'too_old' });
    expect(correctionWeek('2026-12-07', now, 'Europe/Moscow')).toMatchObject({ state: 'not_yet' });
  });

  it('turns the week over at local midnight: Sunday 23:30 in Kamchatka is already Monday there, not yet in Kaliningrad', () => {
    const instant = new Date('2026-12-06T11:30:00Z'); // Sunday 6 December 23:30 in Kamchatka (UTC+12)
    expect(correctionWeek('2026-11-23', instant, 'Asia/Kamchatka').state).toBe('open');
    const mondayKamchatka = new Date('2026-12-06T12:30:00Z'); // Monday 00:30 in Kamchatka, Sunday 14:30 in Kaliningrad
    expect(correctionWeek('2026-11-23', mondayKamchatka, 'Asia/Kamchatka').state).toBe('too_old');
    expect(correctionWeek('2026-11-23', mondayKamchatka, 'Europe/Kaliningrad').state).toBe('open');
  });
});
