import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 3303-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const temperatureObject = defineObject({
  id: 3303,
  name: 'Temperature',
  version: '1.0',
  urn: 'urn:oma:lwm2m:ext:3303',
  multipleInstances: true,
  mandatory: false,
  description: 'A temperature sensor (IPSO).',
  resources: [
    res(5700, 'Sensor Value', 'R', 'single', 'mandatory', 'Float', 'Current reading'),
    res(5601, 'Min Measured Value', 'R', 'single', 'optional', 'Float', 'Lowest reading since the last reset'),
    res(5602, 'Max Measured Value', 'R', 'single', 'optional', 'Float', 'Highest reading since the last reset'),
    res(5603, 'Min Range Value', 'R', 'single', 'optional', 'Float', 'Lowest value the sensor can measure'),
    res(5604, 'Max Range Value', 'R', 'single', 'optional', 'Float', 'Highest value the sensor can measure'),
    res(5701, 'Sensor Units', 'R', 'single', 'optional', 'String', 'Unit of the readings'),
    res(5605, 'Reset Min and Max Measured Values', 'E', 'single', 'optional', 'none', 'Clear the lowest and highest readings'),
  ],
});
