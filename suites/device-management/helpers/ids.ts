/** Requirement and ETS ids used by the device-management and firmware suites, spelled as the catalogues spell them. */
export const hlf = (n: number): string => `LightweightM2M-HLF-${String(n).padStart(3, '0')}`;
export const AZ_033 = 'LightweightM2M-AZ-033';
export const ets = (n: number): string => `LightweightM2M-1.0-int-${n}`;
