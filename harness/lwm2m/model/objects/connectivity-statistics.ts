import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 7.xml, the only variant (already LwM2M 1.0); object version 1.0.
export const connectivityStatisticsObject = defineObject({
  id: 7,
  name: 'Connectivity Statistics',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:7',
  multipleInstances: false,
  mandatory: false,
  description: 'Traffic counters collected between Start and Stop.',
  resources: [
    res(0, 'SMS Tx Counter', 'R', 'single', 'optional', 'Integer', 'SMS messages sent'),
    res(1, 'SMS Rx Counter', 'R', 'single', 'optional', 'Integer', 'SMS messages received'),
    res(2, 'Tx Data', 'R', 'single', 'optional', 'Integer', 'Kilobytes sent'),
    res(3, 'Rx Data', 'R', 'single', 'optional', 'Integer', 'Kilobytes received'),
    res(4, 'Max Message Size', 'R', 'single', 'optional', 'Integer', 'Largest message size', { units: 'B' }),
    res(5, 'Average Message Size', 'R', 'single', 'optional', 'Integer', 'Average message size', { units: 'B' }),
    res(6, 'Start', 'E', 'single', 'mandatory', 'none', 'Reset the counters and start collecting'),
    res(7, 'Stop', 'E', 'single', 'mandatory', 'none', 'Stop collecting'),
    res(8, 'Collection Period', 'RW', 'single', 'optional', 'Integer', 'Default collection period in seconds', { units: 's' }),
  ],
});
