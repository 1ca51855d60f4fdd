import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';

export type PathSegment = string | number;

export interface Located {
  line: number;
  column: number;
  /** False when the path ends in a field the document does not have (the location is its parent's). */
  found: boolean;
}

/**
 * Where a field sits in the YAML source: the line of its key (for a list item, the item's start). A field the
 * document lacks is placed at the nearest key that does exist, which is where the user has to add it.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): Located {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) return { ...position(lineCounter, offset), found: false };
    offset = next.anchor ?? offset;
    node = next.node;
  }
  return { ...position(lineCounter, offset), found: true };
}

/** The line of a key itself (for "unknown key" issues, where the path names the map holding it). */
export function locateKey(doc: Document, lineCounter: LineCounter, mapPath: readonly PathSegment[], key: string): Located {
  const mapNode = doc.getIn(mapPath, true);
  if (isMap(mapNode)) {
    for (const pair of mapNode.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key) {
        const keyStart = startOf(pair.key);
        if (keyStart !== undefined) return { ...position(lineCounter, keyStart), found: true };
      }
    }
  }
  return locate(doc, lineCounter, mapPath);
}

function child(node: unknown, segment: PathSegment): { node: unknown; anchor: number | undefined } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(segment)) {
        return { node: pair.value, anchor: startOf(pair.key) ?? startOf(pair.value) };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { node: item, anchor: startOf(item) };
  }
  return undefined;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
