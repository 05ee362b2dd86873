import { auxiliaryCare } from '../billing.js';
import { yearStream, type MonthState } from '../care-month.js';
import { curveAt, type AuxiliaryCourse } from '../model-data.js';
import type { Person } from '../person.js';
import { hashString } from '../../rng.js';

/**
 * Courses of physiotherapy, nursing or speech therapy not tied to a condition (care.json
 * `auxiliaryCourses`): drawn once per (person, year, course), billed month by month.
 */
const S_AUXILIARY_YEAR = hashString('care.auxiliary.year');

/** The courses of the (person, year, age) last drawn: first month of each (-1 when none this year) and how many months. */
let drawnFor: Person | null = null;
let drawnYear = 0;
let drawnAge = 0;
let firstMonths = new Int32Array(0);
let monthCounts = new Int32Array(0);

function drawCourses(s: MonthState, courses: readonly AuxiliaryCourse[]) {
  drawnFor = s.p;
  drawnYear = s.year;
  drawnAge = s.age;
  if (firstMonths.length < courses.length) {
    firstMonths = new Int32Array(courses.length);
    monthCounts = new Int32Array(courses.length);
  }
  for (let i = 0; i < courses.length; i++) {
    const c = courses[i];
    const year = yearStream(s, S_AUXILIARY_YEAR, i);
    if (!year.chance(curveAt(c.share, s.age))) {
      firstMonths[i] = -1;
      continue;
    }
    firstMonths[i] = year.int(0, 11);
    monthCounts[i] = year.int(c.months[0], c.months[1]);
  }
}

export function auxiliaryCoursesMonth(s: MonthState): void {
  const courses = s.ctx.care.auxiliaryCourses;
  // A course is drawn once per (person, year) (and again if the person's age changes in the year).
  if (drawnFor !== s.p || drawnYear !== s.year || drawnAge !== s.age) drawCourses(s, courses);
  for (let i = 0; i < courses.length; i++) {
    const c = courses[i];
    const first = firstMonths[i];
    if (first < 0 || s.monthOfYear < first || s.monthOfYear >= first + monthCounts[i]) continue;
    auxiliaryCare(s, c.kind, s.rng.int(c.sessionsPerMonth[0], c.sessionsPerMonth[1]), false, c.coefficient);
  }
}
