import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 6.xml, the only variant (already LwM2M 1.0); object version 1.0.
export const locationObject = defineObject({
  id: 6,
  name: 'Location',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:6',
  multipleInstances: false,
  mandatory: false,
  description: 'Geographic position of the device.',
  resources: [
    res(0, 'Latitude', 'R', 'single', 'mandatory', 'Float', 'Latitude in degrees', { units: 'lat' }),
    res(1, 'Longitude', 'R', 'single', 'mandatory', 'Float', 'Longitude in degrees', { units: 'lon' }),
    res(2, 'Altitude', 'R', 'single', 'optional', 'Float', 'Altitude in metres', { units: 'm' }),
    res(3, 'Radius', 'R', 'single', 'optional', 'Float', 'Accuracy radius in metres', { units: 'm' }),
    res(4, 'Velocity', 'R', 'single', 'optional', 'Opaque', 'Velocity as a 3GPP encoded structure'),
    res(5, 'Timestamp', 'R', 'single', 'mandatory', 'Time', 'When the position was measured'),
    res(6, 'Speed', 'R', 'single', 'optional', 'Float', 'Speed in metres per second', { units: 'm/s' }),
  ],
});
