import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 2-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const accessControlObject = defineObject({
  id: 2,
  name: 'LwM2M Access Control',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:2',
  multipleInstances: true,
  mandatory: false,
  description: 'Per-server access rights to one object instance.',
  resources: [
    res(0, 'Object ID', 'R', 'single', 'mandatory', 'Integer', 'Object the rights apply to', { range: '1..65534' }),
    res(1, 'Object Instance ID', 'R', 'single', 'mandatory', 'Integer', 'Instance the rights apply to', { range: '0..65535' }),
    res(2, 'ACL', 'RW', 'multiple', 'optional', 'Integer', 'Access bits per short server ID', { range: '16-bit' }),
    res(3, 'Access Control Owner', 'RW', 'single', 'mandatory', 'Integer', 'Short ID of the server owning this instance', { range: '0..65535' }),
  ],
});
