/**
 * Where a dashboard lives in Grafana: its uid (explicit, or derived from the module path so it
 * survives renames of the title) and its folder (explicit, or the module's folder under dashboards/).
 */
import { createHash } from 'node:crypto';

/** Grafana refuses longer uids. */
export const UID_MAX_LENGTH = 40;
const UID_CHARS = /^[A-Za-z0-9_-]+$/;
export const GENERAL_FOLDER = 'General';

/** Why Grafana would refuse this uid, or undefined when it is fine. */
export function uidProblem(uid: string): string | undefined {
  if (uid === '') return 'the uid is empty';
  if (uid.length > UID_MAX_LENGTH)
    return `the uid is ${uid.length} characters long; Grafana allows at most ${UID_MAX_LENGTH}`;
  if (!UID_CHARS.test(uid)) {
    const bad = [...new Set([...uid].filter((c) => !/[A-Za-z0-9_-]/.test(c)))].map((c) => JSON.stringify(c)).join(', ');
    return `the uid contains ${bad}; Grafana allows only letters, digits, "-" and "_"`;
  }
  return undefined;
}

function slug(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The module path below the definitions folder, without extension: `dashboards/a/b.ts` → `a/b`. */
function pathBelowRoot(module: string): string {
  const parts = module.replace(/\.(m?ts|js)$/, '').split('/');
  return (parts.length > 1 ? parts.slice(1) : parts).join('/');
}

/** `dashboards/checkout/api.ts` → `checkout-api`; with several dashboards per module the export name is appended. */
export function derivedUid(module: string, exportName?: string): string {
  const base = slug(pathBelowRoot(module).split('/').join('-')) || 'dashboard';
  const full = exportName && exportName !== 'default' ? `${base}-${slug(exportName) || 'dashboard'}` : base;
  if (full.length <= UID_MAX_LENGTH) return full;
  // Too long: keep a readable prefix and make it unique with a hash of the whole name.
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, UID_MAX_LENGTH - 9).replace(/-+$/, '')}-${hash}`;
}

/** The folder title: explicit, else the first folder below the definitions folder, else General. */
export function folderOf(module: string, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const parts = pathBelowRoot(module).split('/');
  return parts.length > 1 && parts[0] ? parts[0] : GENERAL_FOLDER;
}

/** A folder title as a path segment and folder uid: `Checkout API` → `checkout-api`. */
export function folderSlug(title: string): string {
  return (slug(title) || 'general').slice(0, UID_MAX_LENGTH);
}
