import type { BlockValue } from './options.ts';

export type Block1Result =
  | { kind: 'continue' }
  | { kind: 'complete'; payload: Buffer; entryIds: number[] }
  | { kind: 'incomplete'; reason: string }
  | { kind: 'bad'; reason: string }
  | { kind: 'too-large'; limit: number };

interface Transfer {
  chunks: Buffer[];
  entryIds: number[];
  received: number;
  contentFormat: number | undefined;
  expiresAt: number;
}

/**
 * Server-side reassembly of Block1 request bodies (RFC 7959 §2.5). Transfers are keyed by the caller
 * (peer + method + URI), not by token, and forgotten after a lifetime without a block.
 */
export class Block1Assembler {
  private readonly transfers = new Map<string, Transfer>();

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: number,
    private readonly maxBytes: number,
  ) {}

  /** entryId: the trace entry of this block, handed back with the complete body. */
  accept(key: string, block: BlockValue, payload: Buffer, contentFormat: number | undefined, entryId: number, size1?: number): Block1Result {
    this.prune();
    if (block.num === 0) {
      this.transfers.delete(key);
      if (size1 !== undefined && size1 > this.maxBytes) return { kind: 'too-large', limit: this.maxBytes };
      this.transfers.set(key, { chunks: [], entryIds: [], received: 0, contentFormat, expiresAt: 0 });
    }
    const transfer = this.transfers.get(key);
    if (!transfer) return { kind: 'incomplete', reason: `block ${block.num} without block 0` };
    const offset = block.num * block.size;
    if (offset !== transfer.received) {
      this.transfers.delete(key);
      return { kind: 'incomplete', reason: `block ${block.num} (offset ${offset}) but ${transfer.received} bytes received` };
    }
    if (contentFormat !== transfer.contentFormat) {
      this.transfers.delete(key);
      return { kind: 'incomplete', reason: `Content-Format changed from ${transfer.contentFormat} to ${contentFormat}` };
    }
    if (block.more && payload.length !== block.size) {
      this.transfers.delete(key);
      return { kind: 'bad', reason: `block ${block.num} carries ${payload.length} bytes, block size is ${block.size}` };
    }
    if (transfer.received + payload.length > this.maxBytes) {
      this.transfers.delete(key);
      return { kind: 'too-large', limit: this.maxBytes };
    }
    transfer.chunks.push(payload);
    transfer.entryIds.push(entryId);
    transfer.received += payload.length;
    transfer.expiresAt = this.now() + this.lifetimeMs;
    if (block.more) return { kind: 'continue' };
    this.transfers.delete(key);
    return { kind: 'complete', payload: Buffer.concat(transfer.chunks), entryIds: transfer.entryIds };
  }

  get size(): number {
    return this.transfers.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, transfer] of this.transfers) if (transfer.expiresAt <= now && transfer.received > 0) this.transfers.delete(key);
  }
}
