import { defineObject, res } from '../define.ts';

// Written from the OMA registry DDF 0-1_0.xml, the LwM2M 1.0 variant from the registry's version history; object version 1.0.
export const securityObject = defineObject({
  id: 0,
  name: 'LWM2M Security',
  version: '1.0',
  urn: 'urn:oma:lwm2m:oma:0',
  multipleInstances: true,
  mandatory: true,
  description: 'Credentials and address of one LwM2M server or the bootstrap server.',
  resources: [
    res(0, 'LWM2M Server URI', '', 'single', 'mandatory', 'String', 'URI of the server this instance describes', { range: '0-255 bytes' }),
    res(1, 'Bootstrap-Server', '', 'single', 'mandatory', 'Boolean', 'True when this instance is the bootstrap server'),
    res(2, 'Security Mode', '', 'single', 'mandatory', 'Integer', 'Security mode: PSK, RPK, certificate, none, EST', { range: '0-4' }),
    res(3, 'Public Key or Identity', '', 'single', 'mandatory', 'Opaque', 'Client identity: PSK identity or public key / certificate'),
    res(4, 'Server Public Key', '', 'single', 'mandatory', 'Opaque', 'Server public key or certificate'),
    res(5, 'Secret Key', '', 'single', 'mandatory', 'Opaque', 'Client secret: PSK key or private key'),
    res(6, 'SMS Security Mode', '', 'single', 'optional', 'Integer', 'SMS security mode', { range: '0-255' }),
    res(7, 'SMS Binding Key Parameters', '', 'single', 'optional', 'Opaque', 'SMS binding key parameters', { range: '6 bytes' }),
    res(8, 'SMS Binding Secret Key(s)', '', 'single', 'optional', 'Opaque', 'SMS binding secret keys', { range: '16-32-48 bytes' }),
    res(9, 'LwM2M Server SMS Number', '', 'single', 'optional', 'String', 'MSISDN of the server for SMS'),
    res(10, 'Short Server ID', '', 'single', 'optional', 'Integer', 'Short ID linking this instance to a Server object', { range: '1-65534' }),
    res(11, 'Client Hold Off Time', '', 'single', 'optional', 'Integer', 'Seconds to wait before client-initiated bootstrap', { units: 's' }),
    res(12, 'Bootstrap-Server Account Timeout', '', 'single', 'optional', 'Integer', 'Seconds after which the bootstrap account is dropped', { units: 's' }),
  ],
});
