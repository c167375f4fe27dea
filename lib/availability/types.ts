/** One opening interval of a weekday, in the provider's wall-clock time. */
export type WeeklyInterval = {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM" (a database `time` "HH:MM:SS" is accepted too). */
  start: string;
  /** "HH:MM", after `start`; "24:00" means midnight at the end of the day. */
  end: string;
};

export type Slot = { start: Date; end: Date };

export type SlotInput = {
  /** IANA zone of the provider. */
  timezone: string;
  weeklyHours: WeeklyInterval[];
  /** "YYYY-MM-DD" in the provider's zone. */
  closedDates: string[];
  /** Pending/confirmed appointments of this resource, half-open [start, end). */
  busy: { start: Date; end: Date }[];
  durationMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  now: Date;
  /** Optional "YYYY-MM-DD" range in the provider's zone, inclusive. */
  from?: string;
  to?: string;
};
