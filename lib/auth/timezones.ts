/** The time-zone select's default when the browser's zone is unknown or not in the list. */
export const DEFAULT_TIMEZONE = "Europe/London";
