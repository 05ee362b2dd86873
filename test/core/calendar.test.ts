import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, monthStart } from '../../src/core/calendar.js';
import { civilFromDays, civilYearMonth, daysFromCivil, firstOfNextMonth } from '../../src/core/calendar-fast.js';

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
});
