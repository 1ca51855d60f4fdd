import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 5-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const firmwareUpdateObject = defineObject({
  id: 5,
  name: 'Firmware Update',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:5',
  multipleInstances: false,
  mandatory: false,
  description: 'Firmware download, install and result reporting.',
  resources: [
    res(0, 'Package', 'W', 'single', 'mandatory', 'Opaque', 'Firmware package pushed by the server'),
    res(1, 'Package URI', 'RW', 'single', 'mandatory', 'String', 'URI the client downloads the package from', { range: '0..255' }),
    res(2, 'Update', 'E', 'single', 'mandatory', 'none', 'Install the downloaded package'),
    res(3, 'State', 'R', 'single', 'mandatory', 'Integer', 'Update state: idle, downloading, downloaded, updating', { range: '0..3' }),
    res(5, 'Update Result', 'R', 'single', 'mandatory', 'Integer', 'Outcome of the last download or update', { range: '0..9' }),
    res(6, 'PkgName', 'R', 'single', 'optional', 'String', 'Name of the package', { range: '0..255' }),
    res(7, 'PkgVersion', 'R', 'single', 'optional', 'String', 'Version of the package', { range: '0..255' }),
    res(8, 'Firmware Update Protocol Support', 'R', 'multiple', 'optional', 'Integer', 'Pull protocols the client supports', { range: '0..5' }),
    res(9, 'Firmware Update Delivery Method', 'R', 'single', 'mandatory', 'Integer', 'Delivery methods the client supports: pull, push or both', { range: '0..2' }),
  ],
});
