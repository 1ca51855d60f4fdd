/** The security requirements, exactly as fixtures/requirements.json writes them. */
export const SEC_001 = 'LightweightM2M-SEC-001';
export const SEC_002 = 'LightweightM2M-SEC-002';
export const AT_001 = 'LightweightM2M-AT-001';
export const DI_001 = 'LightweightM2M-DI-001';
export const CF_001 = 'LightweightM2M-CF-001';
