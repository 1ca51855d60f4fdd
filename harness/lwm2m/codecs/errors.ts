import { HarnessError } from '../../errors.ts';

/**
 * A payload that does not decode in the content format it claims. Device fault by default: the server
 * decodes what the device sent. `offset` is the byte (or character) offset of the problem when known.
 */
export class ContentDecodeError extends HarnessError {
  readonly format: number;
  readonly offset: number | undefined;

  constructor(format: number, message: string, context: { offset?: number; path?: string } = {}) {
    super(context.offset === undefined ? message : `${message} (at offset ${context.offset})`, {
      origin: 'device',
      context: { format, ...context },
    });
    this.format = format;
    this.offset = context.offset;
  }
}

/** Entries that cannot be written in the requested format (wrong type for the resource, too many values...). */
export class ContentEncodeError extends HarnessError {
  readonly format: number;

  constructor(format: number, message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'harness', context: { format, ...context } });
    this.format = format;
  }
}

/** A content format this codec set does not handle; the server answers 4.15 Unsupported Content-Format. */
export class UnsupportedContentFormatError extends HarnessError {
  readonly format: number;

  constructor(format: number, hint = '') {
    super(`unsupported content format ${format}${hint ? `: ${hint}` : ''}`, { origin: 'device', context: { format } });
    this.format = format;
  }
}
