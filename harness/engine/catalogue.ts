/**
 * The requirement catalogue (fixtures/requirements.json) and the ETS case list (fixtures/ets-cases.json),
 * validated on load. The default files are read once, on first use, and cached.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HarnessError } from '../errors.ts';
import { FFS_IDS, REQUIREMENT_IDS, REQUIREMENT_ID_FORMAT } from './requirement-ids.ts';

export { FFS_IDS, RELEASE_1_0_IDS, REQUIREMENT_IDS, REQUIREMENT_ID_FORMAT, canonicalRequirementId, isRequirementId } from './requirement-ids.ts';

/** A catalogue file that is missing, not JSON, or does not match its schema. Names the file and the entry. */
export class CatalogueError extends HarnessError {
  readonly file: string;
  constructor(message: string, file: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(`${file}: ${message}`, { origin: 'harness', context: { ...context, file }, cause });
    this.file = file;
  }
}

/** A lookup of an id the catalogue does not hold. */
export class UnknownIdError extends HarnessError {
  constructor(kind: 'requirement' | 'ETS case', id: string) {
    super(`unknown ${kind} id '${id}'`, { origin: 'usage', context: { id } });
  }
}

const LWM2M_INTERFACES = ['Bootstrap', 'Registration', 'Device Management', 'Information Reporting', 'Security', 'Transport'] as const;

const SourceSchema = z.strictObject({
  document: z.string().min(1),
  title: z.string().min(1),
  notice: z.string().min(1),
});

const RequirementSchema = z.strictObject({
  id: z.string().regex(REQUIREMENT_ID_FORMAT),
  /** Short name, this project's words. */
  title: z.string().min(1),
  /** The requirement as the RD states it. */
  text: z.string().min(1),
  release: z.enum(['1.0', 'FFS']),
  /** The RD section the requirement is listed in, e.g. "High-Level Functional", "Authentication". */
  group: z.string().min(1),
  section: z.string().regex(/^\d+(\.\d+)*$/),
  /** The LwM2M interface the checks mostly exercise (the Allure epic). */
  interface: z.enum(LWM2M_INTERFACES),
});

const RequirementFileSchema = z.strictObject({
  schema: z.literal('lwm2m-hil/requirements@1'),
  source: SourceSchema,
  notes: z.array(z.string()),
  requirements: z.array(RequirementSchema),
});

export const ETS_ID_FORMAT = /^LightweightM2M-(?:[A-Z]+-)?1\.0-int-\d+$/;

const EtsCaseSchema = z.strictObject({
  id: z.string().regex(ETS_ID_FORMAT),
  title: z.string().min(1),
  /** Section number in the ETS, e.g. "6.1.2.1". */
  section: z.string().regex(/^\d+(\.\d+)*$/),
  /** Title of the enclosing ETS section, e.g. "Registration Interface [100-199]". */
  group: z.string().min(1),
  /** specified: the ETS has a procedure; same-as-other: it defers to coveredBy; placeholder: "to fill-up";
   *  nothing-to-test: the ETS says there is nothing to test; empty: a bare heading. */
  status: z.enum(['specified', 'same-as-other', 'placeholder', 'nothing-to-test', 'empty']),
  purpose: z.string().min(1).optional(),
  testObject: z.string().min(1).optional(),
  coveredBy: z.strictObject({ id: z.string().regex(ETS_ID_FORMAT), extent: z.enum(['same', 'partial']) }).optional(),
  remark: z.string().min(1).optional(),
  idInTable: z.string().optional(),
  note: z.string().optional(),
});

const EtsFileSchema = z.strictObject({
  schema: z.literal('lwm2m-hil/ets-cases@1'),
  source: SourceSchema,
  cases: z.array(EtsCaseSchema),
});

export type LwM2MInterface = (typeof LWM2M_INTERFACES)[number];
export type Requirement = z.infer<typeof RequirementSchema>;
export type RequirementRelease = Requirement['release'];
export type RequirementCatalogue = z.infer<typeof RequirementFileSchema>;
export type EtsCase = z.infer<typeof EtsCaseSchema>;
export type EtsCaseStatus = EtsCase['status'];
export type EtsCatalogue = z.infer<typeof EtsFileSchema>;

export const DEFAULT_REQUIREMENTS_FILE = fileURLToPath(new URL('../../fixtures/requirements.json', import.meta.url));
export const DEFAULT_ETS_FILE = fileURLToPath(new URL('../../fixtures/ets-cases.json', import.meta.url));

/** The ETS id of interoperability test case `n`, e.g. etsId(101) = "LightweightM2M-1.0-int-101". */
export function etsId(n: number): string {
  return `LightweightM2M-1.0-int-${n}`;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CatalogueError('cannot read the file', file, {}, err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CatalogueError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, file, {}, err);
  }
}

/** Turns the first schema issue into an error naming the entry (by index and, where readable, by id). */
function schemaError(file: string, listKey: string, raw: unknown, error: z.ZodError): CatalogueError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  let where = path.length > 0 ? path.join('.') : '(top level)';
  const context: Record<string, unknown> = { issues: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  if (path[0] === listKey && typeof path[1] === 'number') {
    const list = (raw as Record<string, unknown>)[listKey];
    const entry = Array.isArray(list) ? (list[path[1]] as unknown) : undefined;
    const id = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)['id'] : undefined;
    where = `${listKey}[${path[1]}]${typeof id === 'string' ? ` (${id})` : ''}${path.length > 2 ? ` field ${path.slice(2).join('.')}` : ''}`;
    context['entry'] = typeof id === 'string' ? id : path[1];
  }
  return new CatalogueError(`${where}: ${issue?.message ?? 'invalid'}`, file, context);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))))];
}

/** Validates parsed JSON as a requirement catalogue. `file` names the source in errors. */
export function parseRequirementCatalogue(raw: unknown, file: string): RequirementCatalogue {
  const parsed = RequirementFileSchema.safeParse(raw);
  if (!parsed.success) throw schemaError(file, 'requirements', raw, parsed.error);
  const catalogue = parsed.data;
  const ids = catalogue.requirements.map((r) => r.id);
  const dup = duplicates(ids);
  if (dup.length > 0) throw new CatalogueError(`duplicate requirement id ${dup.join(', ')}`, file, { entry: dup[0] });
  const missing = REQUIREMENT_IDS.filter((id) => !ids.includes(id));
  const extra = ids.filter((id) => !REQUIREMENT_IDS.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `missing ${missing.join(', ')}` : '', extra.length > 0 ? `not in the RD ${extra.join(', ')}` : ''];
    throw new CatalogueError(`requirement ids differ from the RD: ${parts.filter(Boolean).join('; ')}`, file, { entry: missing[0] ?? extra[0] });
  }
  for (const r of catalogue.requirements) {
    const expected = FFS_IDS.includes(r.id) ? 'FFS' : '1.0';
    if (r.release !== expected) {
      throw new CatalogueError(`${r.id}: release '${r.release}', the RD says '${expected}'`, file, { entry: r.id });
    }
  }
  return catalogue;
}

/** Validates parsed JSON as an ETS case list. `file` names the source in errors. */
export function parseEtsCatalogue(raw: unknown, file: string): EtsCatalogue {
  const parsed = EtsFileSchema.safeParse(raw);
  if (!parsed.success) throw schemaError(file, 'cases', raw, parsed.error);
  const catalogue = parsed.data;
  const ids = catalogue.cases.map((c) => c.id);
  const dup = duplicates(ids);
  if (dup.length > 0) throw new CatalogueError(`duplicate ETS case id ${dup.join(', ')}`, file, { entry: dup[0] });
  for (const c of catalogue.cases) {
    if (c.coveredBy && !ids.includes(c.coveredBy.id)) {
      throw new CatalogueError(`${c.id}: coveredBy names '${c.coveredBy.id}', which is not in the list`, file, { entry: c.id });
    }
  }
  return catalogue;
}

export function loadRequirementCatalogue(file: string = DEFAULT_REQUIREMENTS_FILE): RequirementCatalogue {
  return parseRequirementCatalogue(readJson(file), file);
}

export function loadEtsCatalogue(file: string = DEFAULT_ETS_FILE): EtsCatalogue {
  return parseEtsCatalogue(readJson(file), file);
}

let requirementsCache: { catalogue: RequirementCatalogue; byId: Map<string, Requirement> } | undefined;
let etsCache: { catalogue: EtsCatalogue; byId: Map<string, EtsCase> } | undefined;

/** The project's requirement catalogue (read once). */
export function requirementCatalogue(): RequirementCatalogue {
  if (!requirementsCache) {
    const catalogue = loadRequirementCatalogue();
    requirementsCache = { catalogue, byId: new Map(catalogue.requirements.map((r) => [r.id, r])) };
  }
  return requirementsCache.catalogue;
}

/** All 46 requirements, in RD order. */
export function requirements(): readonly Requirement[] {
  return requirementCatalogue().requirements;
}

export function findRequirement(id: string): Requirement | undefined {
  requirementCatalogue();
  return requirementsCache?.byId.get(id);
}

/** The requirement with this exact id; throws UnknownIdError otherwise. */
export function requirement(id: string): Requirement {
  const found = findRequirement(id);
  if (!found) throw new UnknownIdError('requirement', id);
  return found;
}

/** The project's ETS case list (read once). */
export function etsCatalogue(): EtsCatalogue {
  if (!etsCache) {
    const catalogue = loadEtsCatalogue();
    etsCache = { catalogue, byId: new Map(catalogue.cases.map((c) => [c.id, c])) };
  }
  return etsCache.catalogue;
}

/** Every test case of the ETS, in document order. */
export function etsCases(): readonly EtsCase[] {
  return etsCatalogue().cases;
}

export function findEtsCase(id: string): EtsCase | undefined {
  etsCatalogue();
  return etsCache?.byId.get(id);
}

/** The ETS case with this exact id; throws UnknownIdError otherwise. */
export function etsCase(id: string): EtsCase {
  const found = findEtsCase(id);
  if (!found) throw new UnknownIdError('ETS case', id);
  return found;
}
