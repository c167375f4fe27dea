/**
 * Busy ranges, half-open [start, end), sorted and merged once so that an overlap question is
 * a binary search. Merging keeps the answer exact: a range overlaps [a, b) ∪ [b, c) exactly
 * when it overlaps [a, c). Queries in ascending order (the slot sweep) search only forward of
 * the previous answer.
 */
export class BusyIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private cursor = 0;

  constructor(busy: readonly { start: Date; end: Date }[]) {
    const ranges: [number, number][] = [];
    for (const b of busy) {
      const s = b.start.getTime();
      const e = b.end.getTime();
      if (e > s) ranges.push([s, e]); // empty or inverted ranges block nothing
    }
    ranges.sort((x, y) => x[0] - y[0]);
    for (const [s, e] of ranges) {
      const last = this.ends.length - 1;
      if (last >= 0 && s <= this.ends[last]!) {
        if (e > this.ends[last]!) this.ends[last] = e;
      } else {
        this.starts.push(s);
        this.ends.push(e);
      }
    }
  }

  get size(): number {
    return this.starts.length;
  }

  /** True when [start, end) (epoch ms) shares any instant with a busy range. */
  overlaps(start: number, end: number): boolean {
    const ends = this.ends;
    // First merged range ending after `start`; ends are sorted because ranges are disjoint.
    let lo = this.cursor > 0 && ends[this.cursor - 1]! <= start ? this.cursor : 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    this.cursor = lo;
    return lo < ends.length && this.starts[lo]! < end;
  }
}
