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
  /**
   * Pending/confirmed appointments of this resource, half-open [start, end), each already
   * widened by its own buffers (before/after): what the resource cannot give to anyone else.
   */
  busy: { start: Date; end: Date }[];
  durationMinutes: number;
  /** Minutes between possible starts of an interval's grid; 0 or absent: the duration. */
  intervalMinutes?: number;
  /** Kept free around the new appointment: its padded range must not overlap `busy`. */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  /** At most this many appointments a local day on this resource; 0 or absent: no cap. */
  dailyCap?: number;
  /** Starts of the resource's holding appointments, counted per local day against `dailyCap`. */
  appointmentStarts?: Date[];
  minNoticeMinutes: number;
  horizonDays: number;
  now: Date;
  /** Optional "YYYY-MM-DD" range in the provider's zone, inclusive. */
  from?: string;
  to?: string;
};
