// The slot engine and wall-clock helpers: pure, no database, no React.
export type { Slot, SlotInput, WeeklyInterval } from "./types";
export { computeSlots, isBookableSlot } from "./slots";
export {
  addDays,
  formatWallTime,
  isoWeekday,
  isValidTimeZone,
  isValidLocalDate,
  parseWallTime,
  zonedDate,
  zonedDateTimeToInstant,
  zonedTime,
} from "./zoned";
