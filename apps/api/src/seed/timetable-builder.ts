/**
 * A deterministic builder of a school's weekly timetable (R-CUR-08) for the demo seed and the benchmark data generator.
 * Pure: ids in, lessons out — no Nest, no database.
 *
 * Every class gets exactly the weekly lessons of its units, on lessons 1..n of each day with no gap (a class's day
 * always starts with lesson 1), the days of a class as even as possible. No teacher or room is booked twice at the same
 * weekday and lesson; the parts of one unit (two subgroups of a class taught at the same time) may share a slot, each
 * with its own teacher and room. A subject is spread over the week: ⌊n / days⌋ to ⌈n / days⌉ lessons a day for n weekly
 * lessons (5 lessons of maths: one a day; 6 of Russian: one a day and two on one day).
 *
 * Method: the class's lessons are dealt onto its cells (weekday × lesson number) subject by subject, then a
 * min-conflicts local search with a short tabu list swaps two cells of one class at a time — a swap keeps every
 * class's counts and day shape, so only clashes are left to remove. The random choices come from a seeded PRNG, so the
 * same input always gives the same timetable.
 */

export interface LessonPart {
  teacherId: string;
  roomId: string | null;
  /** Set when the unit is taught to a subgroup; the parts of one unit take the same slot. */
  subgroupId: string | null;
}

/** One subject of one class: `perWeek` lessons, each given by all `parts` at the same time. */
export interface LessonUnit {
  classId: string;
  subjectId: string;
  perWeek: number;
  parts: LessonPart[];
}

export interface TimetableClass {
  id: string;
  /** Lessons on each weekday (index 0 = Monday); by default the week's lessons spread as evenly as possible. */
  lessonsPerDay?: number[];
}

export interface BuildOptions {
  /** Working days (5 or 6). */
  days: number;
  /** Highest lesson number of a day. */
  maxLessons: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Swap steps per attempt before starting again from another deal (default 200 000). */
  maxSteps?: number;
  /** Attempts, each with the next seed (default 5). */
  attempts?: number;
}

export interface PlacedLesson {
  /** 1 = Monday. */
  weekday: number;
  lessonNumber: number;
  classId: string;
  subgroupId: string | null;
  subjectId: string;
  teacherId: string;
  roomId: string | null;
}

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An even split of `total` lessons over `days` days; the longer days rotate with `offset` so not every class is long on Monday. */
export function evenDays(total: number, days: number, offset = 0): number[] {
  const base = Math.floor(total / days);
  const out = Array.from({ length: days }, () => base);
  for (let k = 0; k < total % days; k++) out[(offset + k) % days]++;
  return out;
}

const HARD = 100;
const SPREAD = 3;

/** Builds the week; throws when the input cannot fit (a day too long) or no clash-free week was found. */
export function buildTimetable(classes: readonly TimetableClass[], units: readonly LessonUnit[], options: BuildOptions): PlacedLesson[] {
  const { days, maxLessons } = options;
  const slots = days * maxLessons;
  const classIndex = new Map(classes.map((c, i) => [c.id, i]));
  const teacherIndex = new Map<string, number>();
  const roomIndex = new Map<string, number>();
  const indexOf = (map: Map<string, number>, key: string) => {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = map.size));
    return i;
  };

  // Units, with teachers and rooms as small integers.
  const unitClass: number[] = [];
  const unitTeachers: number[][] = [];
  const unitRooms: number[][] = [];
  const unitLo: number[] = [];
  const unitHi: number[] = [];
  units.forEach((u, i) => {
    const c = classIndex.get(u.classId);
    if (c === undefined) throw new Error(`Timetable: unit ${i} names an unknown class ${u.classId}`);
    if (!Number.isInteger(u.perWeek) || u.perWeek < 0) throw new Error(`Timetable: unit ${i} has ${u.perWeek} lessons a week`);
    if (u.parts.length === 0) throw new Error(`Timetable: unit ${i} has no teacher`);
    const teachers = u.parts.map((p) => indexOf(teacherIndex, p.teacherId));
    if (new Set(teachers).size !== teachers.length) throw new Error(`Timetable: unit ${i} gives one teacher two parts at once`);
    const rooms = u.parts.filter((p) => p.roomId !== null).map((p) => indexOf(roomIndex, p.roomId as string));
    if (new Set(rooms).size !== rooms.length) throw new Error(`Timetable: unit ${i} puts two parts in one room`);
    unitClass.push(c);
    unitTeachers.push(teachers);
    unitRooms.push(rooms);
    unitLo.push(Math.floor(u.perWeek / days));
    unitHi.push(Math.max(1, Math.ceil(u.perWeek / days)));
  });

  // Each class's cells: weekday × lesson number, lessons 1..n of every day.
  const classUnits: number[][] = classes.map((_, ci) => units.map((__, i) => i).filter((i) => unitClass[i] === ci));
  const cellSlots: number[][] = classes.map((c, ci) => {
    const total = units.reduce((s, u, i) => s + (unitClass[i] === ci ? u.perWeek : 0), 0);
    const perDay = c.lessonsPerDay ?? evenDays(total, days, ci);
    if (perDay.length !== days) throw new Error(`Timetable: class ${c.id} gives ${perDay.length} days, not ${days}`);
    if (perDay.reduce((s, n) => s + n, 0) !== total) throw new Error(`Timetable: class ${c.id} has ${total} lessons but its days hold ${perDay.join('+')}`);
    const out: number[] = [];
    perDay.forEach((n, d) => {
      if (n > maxLessons) throw new Error(`Timetable: class ${c.id} would have ${n} lessons on day ${d + 1} (at most ${maxLessons})`);
      for (let k = 0; k < n; k++) out.push(d * maxLessons + k);
    });
    return out;
  });

  const attempts = options.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const cells = search(prng((options.seed ?? 1) + attempt * 7919));
    if (cells) {
      const out: PlacedLesson[] = [];
      cells.forEach((list, ci) => list.forEach((ui, k) => {
        const slot = cellSlots[ci][k];
        const weekday = Math.floor(slot / maxLessons) + 1;
        const lessonNumber = (slot % maxLessons) + 1;
        for (const p of units[ui].parts) {
          out.push({ weekday, lessonNumber, classId: classes[ci].id, subgroupId: p.subgroupId, subjectId: units[ui].subjectId,
            teacherId: p.teacherId, roomId: p.roomId });
        }
      }));
      return out.sort((a, b) => a.weekday - b.weekday || a.lessonNumber - b.lessonNumber
        || (classIndex.get(a.classId) as number) - (classIndex.get(b.classId) as number));
    }
  }
  throw new Error(`Timetable: no clash-free week found in ${attempts} attempts`);

  /** One attempt: a deal and the local search; the unit of each cell per class, or null when the steps ran out. */
  function search(random: () => number): number[][] | null {
    const teacherAt = new Int16Array(teacherIndex.size * slots);
    const roomAt = new Int16Array(roomIndex.size * slots);
    const unitDay = new Int16Array(units.length * days);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

    // Deal: each class's lessons, the most frequent subject first, round-robin over the days with room left.
    const cells: number[][] = classes.map((_, ci) => {
      const mine = units.map((u, i) => ({ u, i })).filter(({ i }) => unitClass[i] === ci)
        .sort((a, b) => b.u.perWeek - a.u.perWeek || random() - 0.5);
      const free: number[][] = Array.from({ length: days }, () => []);
      cellSlots[ci].forEach((slot, k) => free[Math.floor(slot / maxLessons)].push(k));
      for (const f of free) f.sort(() => random() - 0.5);
      const out = new Array<number>(cellSlots[ci].length);
      let day = Math.floor(random() * days);
      for (const { u, i } of mine) {
        for (let n = 0; n < u.perWeek; n++) {
          let tries = 0;
          while (free[day].length === 0 && tries++ < days) day = (day + 1) % days;
          out[free[day].pop() as number] = i;
          day = (day + 1) % days;
        }
      }
      return out;
    });
    const place = (ci: number, k: number, ui: number, sign: 1 | -1) => {
      const slot = cellSlots[ci][k];
      for (const t of unitTeachers[ui]) teacherAt[t * slots + slot] += sign;
      for (const r of unitRooms[ui]) roomAt[r * slots + slot] += sign;
      unitDay[ui * days + Math.floor(slot / maxLessons)] += sign;
    };
    cells.forEach((list, ci) => list.forEach((ui, k) => place(ci, k, ui, 1)));

    /** How far a unit's lessons on a day are from its even spread. */
    const spread = (ui: number, count: number): number => SPREAD * (Math.max(0, unitLo[ui] - count) + Math.max(0, count - unitHi[ui]));
    const cellCost = (ci: number, k: number): number => {
      const ui = cells[ci][k];
      const slot = cellSlots[ci][k];
      let cost = 0;
      for (const t of unitTeachers[ui]) if (teacherAt[t * slots + slot] > 1) cost += HARD;
      for (const r of unitRooms[ui]) if (roomAt[r * slots + slot] > 1) cost += HARD;
      if (unitDay[ui * days + Math.floor(slot / maxLessons)] > unitHi[ui]) cost += SPREAD;
      return cost;
    };
    /** Some day of a class lacks a lesson its even spread needs (a cell elsewhere has one to spare). */
    const thinDay = (ci: number): boolean => {
      for (const ui of classUnits[ci]) {
        if (unitLo[ui] === 0) continue;
        for (let d = 0; d < days; d++) if (unitDay[ui * days + d] < unitLo[ui]) return true;
      }
      return false;
    };
    /** Penalty change of moving unit `ui` out of `from` and into `to` (counts updated in place). */
    const move = (ui: number, from: number, to: number): number => {
      let delta = 0;
      for (const t of unitTeachers[ui]) {
        if (--teacherAt[t * slots + from] >= 1) delta -= HARD;
        if (teacherAt[t * slots + to]++ >= 1) delta += HARD;
      }
      for (const r of unitRooms[ui]) {
        if (--roomAt[r * slots + from] >= 1) delta -= HARD;
        if (roomAt[r * slots + to]++ >= 1) delta += HARD;
      }
      const df = ui * days + Math.floor(from / maxLessons);
      const dt = ui * days + Math.floor(to / maxLessons);
      if (df !== dt) {
        delta -= spread(ui, unitDay[df]) + spread(ui, unitDay[dt]);
        unitDay[df]--;
        unitDay[dt]++;
        delta += spread(ui, unitDay[df]) + spread(ui, unitDay[dt]);
      }
      return delta;
    };
    const swap = (ci: number, a: number, b: number): number => {
      const sa = cellSlots[ci][a];
      const sb = cellSlots[ci][b];
      const ua = cells[ci][a];
      const ub = cells[ci][b];
      const delta = move(ua, sa, sb) + move(ub, sb, sa);
      cells[ci][a] = ub;
      cells[ci][b] = ua;
      return delta;
    };

    const tabu = new Map<string, number>();
    const maxSteps = options.maxSteps ?? 200_000;
    for (let step = 0; step < maxSteps; step++) {
      const conflicted: [number, number][] = [];
      cells.forEach((list, ci) => {
        const thin = thinDay(ci);
        list.forEach((ui, k) => {
          // On a thin day's class, the cells of a unit with a lesson to spare may move too.
          if (cellCost(ci, k) > 0 || (thin && unitDay[ui * days + Math.floor(cellSlots[ci][k] / maxLessons)] > unitLo[ui] && unitLo[ui] > 0)) {
            conflicted.push([ci, k]);
          }
        });
      });
      if (conflicted.length === 0) return cells;
      const [ci, a] = pick(conflicted);
      let best = Infinity;
      let choices: number[] = [];
      for (let b = 0; b < cells[ci].length; b++) {
        if (b === a || cells[ci][b] === cells[ci][a]) continue;
        const delta = swap(ci, a, b);
        swap(ci, a, b);
        const key = `${ci}:${Math.min(a, b)}:${Math.max(a, b)}`;
        if ((tabu.get(key) ?? -1) > step && delta >= 0) continue;
        if (delta < best) {
          best = delta;
          choices = [b];
        } else if (delta === best) choices.push(b);
      }
      if (choices.length === 0) continue;
      // A little noise: now and then a random swap of the conflicted cell, to leave a plateau.
      const b = random() < 0.03 ? Math.floor(random() * cells[ci].length) : pick(choices);
      if (b === a || cells[ci][b] === cells[ci][a]) continue;
      swap(ci, a, b);
      tabu.set(`${ci}:${Math.min(a, b)}:${Math.max(a, b)}`, step + 10);
      if (tabu.size > 5000) for (const [key, until] of tabu) if (until <= step) tabu.delete(key);
    }
    // Out of steps: a week without clashes is still good when only the even spread of a subject is off.
    const clashes = cells.some((list, ci) => list.some((_, k) => cellCost(ci, k) >= HARD));
    return clashes ? null : cells;
  }
}
