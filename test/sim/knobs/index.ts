/** Protocol-neutral test knobs: latency, faults, throttling, counters. */
export { Knobs } from './knobs.ts';
export type { Admission, AdmissionRequest } from './knobs.ts';
export { DEFAULT_KNOBS, FAULT_KINDS, mergeKnobs } from './knob-settings.ts';
export type {
  FaultKind,
  FaultSettings,
  KnobPatch,
  KnobSettings,
  LatencySettings,
  ThrottleLimits,
  ThrottlingSettings,
} from './knob-settings.ts';
export type { CounterSnapshot } from './request-counters.ts';
export type { RequestFilter, RequestInfo } from './request-filter.ts';
