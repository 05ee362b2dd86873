import { auxiliaryCare } from '../billing.js';
import { yearStream, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';
import { hashString } from '../../rng.js';

/**
 * Courses of physiotherapy, nursing or speech therapy not tied to a condition (care.json
 * `auxiliaryCourses`): drawn once per (person, year, course), billed month by month.
 */
const S_AUXILIARY_YEAR = hashString('care.auxiliary.year');

export function auxiliaryCoursesMonth(s: MonthState): void {
  const courses = s.ctx.care.auxiliaryCourses;
  for (let i = 0; i < courses.length; i++) {
    const c = courses[i];
    const year = yearStream(s, S_AUXILIARY_YEAR, i);
    if (!year.chance(curveAt(c.share, s.age))) continue;
    const first = year.int(0, 11);
    const months = year.int(c.months[0], c.months[1]);
    if (s.monthOfYear < first || s.monthOfYear >= first + months) continue;
    auxiliaryCare(s, c.kind, s.rng.int(c.sessionsPerMonth[0], c.sessionsPerMonth[1]), false, c.coefficient);
  }
}
