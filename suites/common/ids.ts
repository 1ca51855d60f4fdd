/** Requirement and ETS case ids written exactly as fixtures/requirements.json and fixtures/ets-cases.json do. */

/** `LightweightM2M-HLF-001` from 1. */
export function hlf(n: number): string {
  return `LightweightM2M-HLF-${String(n).padStart(3, '0')}`;
}

/** `LightweightM2M-1.0-int-101` from 101. */
export function etsCase(n: number): string {
  return `LightweightM2M-1.0-int-${n}`;
}
