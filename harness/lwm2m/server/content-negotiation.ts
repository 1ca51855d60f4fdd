import { ContentFormat } from '../values.ts';
import type { Registration } from './registration/registration.ts';

/**
 * Picks content formats per the client's LwM2M version: TLV for 1.0 clients (the one format every 1.0 client
 * must support for multi-resource payloads); SenML CBOR for 1.1, or SenML JSON when the client announced
 * only that one on its root link.
 */
export function preferredFormat(registration: Pick<Registration, 'version' | 'contentFormats'>): number {
  if (registration.version === '1.0') return ContentFormat.TLV;
  const announced = registration.contentFormats;
  if (announced.length > 0 && !announced.includes(ContentFormat.SENML_CBOR) && announced.includes(ContentFormat.SENML_JSON)) {
    return ContentFormat.SENML_JSON;
  }
  return ContentFormat.SENML_CBOR;
}

/** The Accept option a Read or Observe sends: the caller's choice, none ('none'), or the client's preference. */
export function acceptFor(registration: Pick<Registration, 'version' | 'contentFormats'>, requested: number | 'none' | undefined): number | undefined {
  if (requested === 'none') return undefined;
  return requested ?? preferredFormat(registration);
}
