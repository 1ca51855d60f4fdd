import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 3311.xml, the only variant (already LwM2M 1.0); object version 1.0.
export const lightControlObject = defineObject({
  id: 3311,
  name: 'Light Control',
  version: '1.0',
  urn: 'urn:oma:lwm2m:ext:3311',
  multipleInstances: true,
  mandatory: false,
  description: 'A light source that can be switched and dimmed (IPSO).',
  resources: [
    res(5850, 'On/Off', 'RW', 'single', 'mandatory', 'Boolean', 'Switch the light on or off'),
    res(5851, 'Dimmer', 'RW', 'single', 'optional', 'Integer', 'Brightness level in percent', { range: '0..100', units: '/100' }),
    res(5852, 'On time', 'RW', 'single', 'optional', 'Integer', 'Seconds since the light was switched on', { units: 's' }),
    res(5805, 'Cumulative active power', 'R', 'single', 'optional', 'Float', 'Energy used since the last reset', { units: 'Wh' }),
    res(5820, 'Power factor', 'R', 'single', 'optional', 'Float', 'Power factor of the load'),
    res(5706, 'Colour', 'RW', 'single', 'optional', 'String', 'Colour in a vendor chosen notation'),
    res(5701, 'Sensor Units', 'R', 'single', 'optional', 'String', 'Unit of the energy reading'),
    res(5750, 'Application Type', 'RW', 'single', 'optional', 'String', 'Application type chosen by the user'),
  ],
});
