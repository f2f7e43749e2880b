import { decideLessonEdit, decidePeriodMarkEdit, DEFAULT_EDIT_WINDOWS as W, homeworkDeadline } from './edit-policy';
import { localDate, zonedInstant } from './zoned-time';

const MSK = 'Europe/Moscow';
const base = { date: '2026-11-30', alreadyEntered: false, periodClosed: false, yearClosed: false };
const at = (local: string, tz = MSK) => zonedInstant(local.slice(0, 10), local.slice(11, 16), tz);

describe('edit policy (R-JRN-05, R-JRN-07, R-JRN-08)', () => {
  it.each([
    // [item, alreadyEntered, now (local), allowed, late, reason]
    ['mark', false, '2026-11-30 10:00', true, false, 'on_time'],
    ['mark', false, '2026-11-29 23:59', false, false, 'not_yet'],
    ['attendance', false, '2026-11-29 12:00', false, false, 'not_yet'],
    ['content', false, '2026-11-29 12:00', true, false, 'on_time'],
    ['mark', true, '2026-12-02 23:59', true, true, 'within_edit_window'],
    ['mark', true, '2026-12-03 00:00', false, false, 'window_closed'],
    ['attendance', true, '2026-12-02 23:00', true, true, 'within_edit_window'],
    ['content', true, '2026-12-03 00:01', false, false, 'window_closed'],
    ['mark', false, '2026-12-01 09:00', true, true, 'late_first_entry'],
    ['mark', false, '2026-12-07 23:59', true, true, 'late_first_entry'],
    ['mark', false, '2026-12-08 00:00', false, false, 'window_closed'],
    ['control_mark', true, '2026-12-10 23:59', true, true, 'within_edit_window'],
    ['control_mark', true, '2026-12-11 00:00', false, false, 'window_closed'],
  ] as const)('R-JRN-05 %s (entered before: %s) at %s → allowed %s, late %s, %s', (item, entered, now, allowed, late, reason) => {
    const d = decideLessonEdit(W, item, { ...base, alreadyEntered: entered }, at(now), MSK);
    expect(d.allowed).toBe(allowed);
    expect(d.reason).toBe(reason);
    if (d.allowed) expect(d.late).toBe(late);
  });

  it('R-JRN-05 returns editableUntil as the end of the last day of the window in the school time zone', () => {
    const d = decideLessonEdit(W, 'mark', { ...base, alreadyEntered: true }, at('2026-11-30 12:00'), MSK);
    expect(d.editableUntil).toBe('2026-12-02T21:00:00.000Z');
  });

  it('R-JRN-05 a late first entry stays editable until the late window closes', () => {
    const d = decideLessonEdit(W, 'mark', { ...base, alreadyEntered: true, enteredLate: true }, at('2026-12-06 12:00'), MSK);
    expect(d).toMatchObject({ allowed: true, late: true });
    expect(decideLessonEdit(W, 'mark', { ...base, alreadyEntered: true, enteredLate: true }, at('2026-12-08 00:00'), MSK).allowed).toBe(false);
  });

  it('R-JRN-05 per-school windows replace the defaults', () => {
    const strict = { ...W, contentEditDays: 0, lateEntryDays: 0 };
    expect(decideLessonEdit(strict, 'mark', { ...base, alreadyEntered: true }, at('2026-11-30 23:59'), MSK).allowed).toBe(true);
    expect(decideLessonEdit(strict, 'mark', { ...base, alreadyEntered: true }, at('2026-12-01 00:00'), MSK).allowed).toBe(false);
  });

  it('R-CUR-02 a closed period locks everything and asks for a change request; a closed year locks for good', () => {
    expect(decideLessonEdit(W, 'mark', { ...base, periodClosed: true }, at('2026-11-30 10:00'), MSK))
      .toMatchObject({ allowed: false, reason: 'period_closed', needsChangeRequest: true });
    expect(decideLessonEdit(W, 'mark', { ...base, yearClosed: true }, at('2026-11-30 10:00'), MSK))
      .toMatchObject({ allowed: false, reason: 'year_closed', needsChangeRequest: false });
  });

  it('R-JRN-05 the same UTC instant is inside the window in Kaliningrad and outside it in Kamchatka', () => {
    // 2026-12-02 12:30 UTC: in Kamchatka (UTC+12) it is already 00:30 on 2026-12-03, in Kaliningrad (UTC+2) 14:30 on 2026-12-02.
    const instant = new Date('2026-12-02T12:30:00Z');
    expect(localDate(instant, 'Asia/Kamchatka')).toBe('2026-12-03');
    expect(localDate(instant, 'Europe/Kaliningrad')).toBe('2026-12-02');
    const target = { ...base, alreadyEntered: true };
    expect(decideLessonEdit(W, 'mark', target, instant, 'Europe/Kaliningrad').allowed).toBe(true);
    expect(decideLessonEdit(W, 'mark', target, instant, 'Asia/Kamchatka')).toMatchObject({ allowed: false, reason: 'window_closed' });
  });

  it('R-JRN-05 homework after the deadline (2 h after the last lesson) is accepted but flagged late', () => {
    const target = { ...base, alreadyEntered: true, classesEndAt: '14:10' };
    expect(homeworkDeadline(W, target, MSK).toISOString()).toBe('2026-11-30T13:10:00.000Z');
    expect(decideLessonEdit(W, 'homework', target, at('2026-11-30 16:00'), MSK)).toMatchObject({ allowed: true, late: false });
    expect(decideLessonEdit(W, 'homework', target, at('2026-11-30 16:11'), MSK)).toMatchObject({ allowed: true, late: true });
  });

  it('R-JRN-08 period marks: the teacher within 7 days after the period; afterwards only the deputy, with a note', () => {
    const p = { periodEndsOn: '2026-12-27', periodClosed: false, yearClosed: false };
    expect(decidePeriodMarkEdit(W, p, false, at('2027-01-03 23:59'), MSK)).toMatchObject({ allowed: true });
    expect(decidePeriodMarkEdit(W, p, false, at('2027-01-04 00:00'), MSK)).toMatchObject({ allowed: false, reason: 'window_closed' });
    expect(decidePeriodMarkEdit(W, p, true, at('2027-01-04 00:00'), MSK)).toMatchObject({ allowed: true, requiresNote: true });
    expect(decidePeriodMarkEdit(W, { ...p, periodClosed: true }, false, at('2026-12-28 10:00'), MSK)).toMatchObject({ allowed: false, reason: 'period_closed' });
  });
});
