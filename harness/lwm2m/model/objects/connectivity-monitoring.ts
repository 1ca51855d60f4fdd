import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 4-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const connectivityMonitoringObject = defineObject({
  id: 4,
  name: 'Connectivity Monitoring',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:4',
  multipleInstances: false,
  mandatory: false,
  description: 'State of the network connection: bearer, signal and addresses.',
  resources: [
    res(0, 'Network Bearer', 'R', 'single', 'mandatory', 'Integer', 'Bearer in use', { range: '0-50' }),
    res(1, 'Available Network Bearer', 'R', 'multiple', 'mandatory', 'Integer', 'Bearers the device can use', { range: '0-50' }),
    res(2, 'Radio Signal Strength', 'R', 'single', 'mandatory', 'Integer', 'Received signal strength', { units: 'dBm' }),
    res(3, 'Link Quality', 'R', 'single', 'optional', 'Integer', 'Link quality indicator'),
    res(4, 'IP Addresses', 'R', 'multiple', 'mandatory', 'String', 'IP addresses of the device'),
    res(5, 'Router IP Addresses', 'R', 'multiple', 'optional', 'String', 'IP addresses of the next-hop routers'),
    res(6, 'Link Utilization', 'R', 'single', 'optional', 'Integer', 'Share of the link capacity in use', { range: '0-100', units: '%' }),
    res(7, 'APN', 'R', 'multiple', 'optional', 'String', 'Access point names in use'),
    res(8, 'Cell ID', 'R', 'single', 'optional', 'Integer', 'Serving cell ID'),
    res(9, 'SMNC', 'R', 'single', 'optional', 'Integer', 'Serving mobile network code', { range: '0-999', units: '%' }),
    res(10, 'SMCC', 'R', 'single', 'optional', 'Integer', 'Serving mobile country code', { range: '0-999' }),
  ],
});
