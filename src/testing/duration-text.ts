/**
 * `parseDuration`: the durations a test writes (`'1d'`, `'2h30m'`, `'500ms'`) as milliseconds.
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

/**
 * A duration: a non-negative number of milliseconds, or text made of number–unit parts with
 * units `ms`, `s`, `m`, `h`, `d`, `w` (`'1d'`, `'1h30m'`, `'1.5s'`).
 * @throws InvalidInputError for anything else.
 */
export function parseDuration(value: number | string, what = 'duration'): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
  } else if (typeof value === 'string' && value.length > 0) {
    let total = 0;
    PART.lastIndex = 0;
    let end = 0;
    for (let m = PART.exec(value); m !== null; m = PART.exec(value)) {
      total += Number(m[1]) * UNIT_MS[m[2]!]!;
      end = PART.lastIndex;
    }
    if (end === value.length && end > 0) return Math.round(total);
  }
  throw new InvalidInputError(
    `${what} must be milliseconds (a number >= 0) or text such as '1d', '2h30m' or '500ms' (units ms, s, m, h, d, w), got ${JSON.stringify(value)}`,
  );
}
