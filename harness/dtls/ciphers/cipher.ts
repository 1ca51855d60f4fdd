import type { DirectionKeys, KeySizes } from '../keys.ts';

/** Header fields of the record being protected or opened (they are authenticated). */
export interface RecordContext {
  type: number;
  version: number;
  epoch: number;
  sequence: number;
}

/** One direction of record protection with one set of keys. */
export interface RecordCipher {
  /** Fragment to put on the wire for this plaintext. */
  protect(context: RecordContext, plaintext: Buffer): Buffer;
  /** The plaintext, or undefined when the fragment does not authenticate (bad MAC, wrong key, tampered). */
  unprotect(context: RecordContext, fragment: Buffer): Buffer | undefined;
  /**
   * Decrypts without checking the MAC or tag: only for emulating a faulty device (DI-001 must be able to
   * fail). Undefined when the fragment cannot even be decrypted.
   */
  openUnverified?(context: RecordContext, fragment: Buffer): Buffer | undefined;
}

/** A cipher suite this implementation can negotiate. */
export interface CipherSuite {
  id: number;
  name: string;
  keySizes: KeySizes;
  create(keys: DirectionKeys): RecordCipher;
}
