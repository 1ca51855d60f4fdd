import type { Direction } from './impairment.ts';
import type { Endpoint } from './transport.ts';

/** Why the shaper dropped a datagram. */
export type DropReason = 'loss' | 'blackout' | 'mtu' | 'nat-stale' | 'closed';

/** What happened to datagrams in one direction since shaping started. */
export interface DirectionCounters {
  /** Datagrams that entered the shaper. */
  offered: number;
  /** Datagrams passed on (a duplicate counts twice). */
  sent: number;
  dropped: number;
  droppedBy: Record<DropReason, number>;
  duplicated: number;
  corrupted: number;
  reordered: number;
  /** Copies given a delay > 0 (fixed delay, jitter or reordering). */
  delayed: number;
  /** Delayed sends the inner transport refused. */
  errors: number;
}

export interface ShapingCounters {
  outbound: DirectionCounters;
  inbound: DirectionCounters;
}

/** A shaping event for evidence; `time` is the run's clock. Payload bytes are never included. */
export interface ShapingEvent {
  time: number;
  kind: 'dropped' | 'duplicated' | 'corrupted' | 'reordered' | 'blackout-start' | 'blackout-end' | 'rebind' | 'profile' | 'error';
  direction: Direction | 'both';
  reason?: DropReason;
  /** The peer of the datagram (destination outbound, source inbound). */
  peer?: Endpoint;
  /** Datagram size in bytes. */
  size?: number;
  detail?: Record<string, unknown>;
}

export function emptyCounters(): DirectionCounters {
  return {
    offered: 0,
    sent: 0,
    dropped: 0,
    droppedBy: { loss: 0, blackout: 0, mtu: 0, 'nat-stale': 0, closed: 0 },
    duplicated: 0,
    corrupted: 0,
    reordered: 0,
    delayed: 0,
    errors: 0,
  };
}
