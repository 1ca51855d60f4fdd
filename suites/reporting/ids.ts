/** Requirement ids, objects and paths the reporting scenarios share. */
export const HLF_019 = 'LightweightM2M-HLF-019';
export const HLF_020 = 'LightweightM2M-HLF-020';
export const HLF_021 = 'LightweightM2M-HLF-021';
export const HLF_022 = 'LightweightM2M-HLF-022';
export const HLF_024 = 'LightweightM2M-HLF-024';
export const HLF_027 = 'LightweightM2M-HLF-027';

/** IPSO Temperature: its Sensor Value is the resource a stimulus can change on any device profile. */
export const TEMPERATURE = 3303;
export const SENSOR_VALUE = '/3303/0/5700';
export const CONNECTIVITY_MONITORING = 4;
