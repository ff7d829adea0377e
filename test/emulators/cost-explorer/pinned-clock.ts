/**
 * Sets the process clock to `time`, for tests whose outcome depends on the calendar (Cost
 * Explorer's backfill window is counted in months from the current one). Only `Date` is faked:
 * timers and ticks stay real, so HTTP and the SDK work as usual. The emulator's clock is the
 * process clock plus its own offset, and an in-process handler reads the process clock, so both
 * follow. Undo with `jest.useRealTimers()`.
 */
export function pinClock(time: string): void {
  jest.useFakeTimers({
    now: new Date(time),
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval',
      'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
}
