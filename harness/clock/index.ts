// The clock layer's public pieces.
export type { Clock, TimerHandle } from './clock.ts';
export { RealClock, wallNow } from './real-clock.ts';
export { VirtualClock, VIRTUAL_EPOCH, FAKED_TIMERS } from './virtual-clock.ts';
export type { RunOptions, VirtualClockOptions } from './virtual-clock.ts';
export type { BusySource, BusyTracker } from './busy.ts';
export { isBusyTracker } from './busy.ts';
export { BusyStuckError, ClockMisuseError, TimerCallbackError, VirtualDeadlockError, VirtualTimeLimitError } from './errors.ts';
