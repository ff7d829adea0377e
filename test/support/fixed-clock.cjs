// Preloaded (`node -r`) by the README examples test: the examples carry dates that are only valid
// for a while (`backfillFrom` must lie in the last 12 months), so they run at the date they were
// last reviewed, given in FIXED_CLOCK, instead of failing as the calendar moves on.
const fixed = Date.parse(process.env.FIXED_CLOCK);
if (Number.isNaN(fixed)) {
  throw new Error(`FIXED_CLOCK must be an ISO date, got '${process.env.FIXED_CLOCK}'`);
}
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    super(...(args.length === 0 ? [fixed] : args));
  }
  static now() {
    return fixed;
  }
}
globalThis.Date = FixedDate;
