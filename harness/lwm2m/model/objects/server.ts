import { defineObject, res } from '../define.ts';

// Binding: the DDF points to the TS for the allowed values; the LwM2M 1.0 list is written out here.
// Written from the OMA registry DDF 1-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const serverObject = defineObject({
  id: 1,
  name: 'LwM2M Server',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:1',
  multipleInstances: true,
  mandatory: true,
  description: 'Registration settings the client keeps for one LwM2M server.',
  resources: [
    res(0, 'Short Server ID', 'R', 'single', 'mandatory', 'Integer', 'Short ID of this server', { range: '1-65535' }),
    res(1, 'Lifetime', 'RW', 'single', 'mandatory', 'Integer', 'Registration lifetime in seconds', { units: 's' }),
    res(2, 'Default Minimum Period', 'RW', 'single', 'optional', 'Integer', 'Default pmin for observations', { units: 's' }),
    res(3, 'Default Maximum Period', 'RW', 'single', 'optional', 'Integer', 'Default pmax for observations', { units: 's' }),
    res(4, 'Disable', 'E', 'single', 'optional', 'none', 'Deregister and stay away for the Disable Timeout'),
    res(5, 'Disable Timeout', 'RW', 'single', 'optional', 'Integer', 'Seconds to stay disabled after Disable', { units: 's' }),
    res(6, 'Notification Storing When Disabled or Offline', 'RW', 'single', 'mandatory', 'Boolean', 'Whether to buffer notifications while disabled or offline'),
    res(7, 'Binding', 'RW', 'single', 'mandatory', 'String', 'Transport binding and mode, e.g. U, UQ, S', { range: 'U,UQ,S,SQ,US,UQS' }),
    res(8, 'Registration Update Trigger', 'E', 'single', 'mandatory', 'none', 'Make the client send a Registration Update'),
  ],
});
