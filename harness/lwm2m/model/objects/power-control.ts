import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 3312-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const powerControlObject = defineObject({
  id: 3312,
  name: 'Power Control',
  version: '1.0',
  urn: 'urn:oma:lwm2m:ext:3312',
  multipleInstances: true,
  mandatory: false,
  description: 'A switchable power outlet or relay (IPSO).',
  resources: [
    res(5850, 'On/Off', 'RW', 'single', 'mandatory', 'Boolean', 'Switch the power on or off'),
    res(5851, 'Dimmer', 'RW', 'single', 'optional', 'Integer', 'Output level in percent', { range: '0..100', units: '/100' }),
    res(5852, 'On time', 'RW', 'single', 'optional', 'Integer', 'Seconds since the power was switched on', { units: 's' }),
    res(5805, 'Cumulative active power', 'R', 'single', 'optional', 'Float', 'Energy used since the last reset', { units: 'Wh' }),
    res(5820, 'Power factor', 'R', 'single', 'optional', 'Float', 'Power factor of the load'),
    res(5750, 'Application Type', 'RW', 'single', 'optional', 'String', 'Application type chosen by the user'),
  ],
});
