import type { DeviceContext } from './device-context.ts';
import { ObjectInstance } from './object-instance.ts';

export const LOCATION_OBJECT = 6;

export interface Fix {
  latitude: number;
  longitude: number;
  altitude: number;
  radius: number;
  speed: number;
}

export const DEFAULT_FIX: Fix = { latitude: 48.1374, longitude: 11.5755, altitude: 519, radius: 10, speed: 0 };

/** Object 6 Location: a fixed position whose timestamp is the time of the last fix (start-up or stimulus). */
export function createLocationInstance(ctx: DeviceContext, fix: Fix = DEFAULT_FIX): ObjectInstance {
  return new ObjectInstance(LOCATION_OBJECT, 0)
    .value(0, fix.latitude)
    .value(1, fix.longitude)
    .value(2, fix.altitude)
    .value(3, fix.radius)
    .value(5, Math.floor(ctx.clock.now() / 1000))
    .value(6, fix.speed);
}
