import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, monthStart } from '../../src/core/calendar.js';
import { civilFromDays, civilYear, civilYearMonth, daysFromCivil, firstOfMonth, firstOfNextMonth } from '../../src/core/calendar-fast.js';

/** The integer calendar of the hot paths agrees with the Date-based one, day by day over 1900-2100. */
describe('integer calendar', () => {
  it('finds the first day of the next month as Date does', () => {
    for (let day = dayOf(1900, 1, 1); day <= dayOf(2100, 12, 31); day += 1) {
      if (firstOfNextMonth(day) !== addMonths(monthStart(day), 1)) expect(firstOfNextMonth(day), `day ${day}`).toBe(addMonths(monthStart(day), 1));
    }
  });

  it('turns civil dates into day numbers and back', () => {
    for (let day = dayOf(1900, 1, 1); day <= dayOf(2100, 12, 31); day += 7) {
      const [y, m, d] = civilFromDays(day);
      if (daysFromCivil(y, m, d) !== day) expect(daysFromCivil(y, m, d)).toBe(day);
    }
    expect(daysFromCivil(2024, 13, 1)).toBe(dayOf(2025, 1, 1));
    expect(civilYearMonth(dayOf(2024, 2, 29))).toBe('202402');
  });

  it("gives a day's month, year and 'YYYYMM' as Date does, inside the month table and on both sides of it", () => {
    for (let day = dayOf(1800, 1, 1); day <= dayOf(2200, 12, 31); day += 1) {
      const date = new Date(day * 86_400_000);
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth() + 1;
      const first = dayOf(y, m, 1);
      const text = `${y}${String(m).padStart(2, '0')}`;
      if (firstOfMonth(day) !== first || firstOfNextMonth(day) !== addMonths(first, 1) || civilYear(day) !== y || civilYearMonth(day) !== text) {
        expect([firstOfMonth(day), firstOfNextMonth(day), civilYear(day), civilYearMonth(day)], `day ${day}`).toEqual([first, addMonths(first, 1), y, text]);
      }
    }
  });
});
