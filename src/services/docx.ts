// The Word file of a submitted version, rendered once and kept in KV by report and version (a
// version never changes): rendered by the queue right after the submission, or by the first
// download if that job was lost. Downloads then send the kept file without reading the snapshot.
import { snapshotAt } from '../db/reports';
import { compileReport, DOCX_TYPE, type Compiled } from '../report/compile';
import { readStoredReport } from '../report/schema';

/** Kept this long after the last rendering; an older one is rendered again when asked for. */
const KEEP_SECONDS = 180 * 24 * 3600;

const keyOf = (reportId: number, version: number) => `docx/${reportId}/${version}`;

interface Kept {
  disposition: string;
}

type Env = { DB: D1Database; CACHE: KVNamespace };

/** The kept Word file of a version; null when there is none yet. */
export async function keptDocx(kv: KVNamespace, reportId: number, version: number): Promise<Compiled | null> {
  const { value, metadata } = await kv.getWithMetadata<Kept>(keyOf(reportId, version), 'arrayBuffer');
  if (!value || !metadata?.disposition) return null;
  return { body: value, headers: { 'Content-Type': DOCX_TYPE, 'Content-Disposition': metadata.disposition } };
}

/** Keeps a rendered Word file of a version. */
export function keepDocx(kv: KVNamespace, reportId: number, version: number, compiled: Compiled) {
  const metadata: Kept = { disposition: compiled.headers['Content-Disposition'] ?? 'attachment' };
  return kv.put(keyOf(reportId, version), compiled.body, { metadata, expirationTtl: KEEP_SECONDS });
}

/** The queue's work after a submission: render the version's Word file and keep it. */
export async function renderDocxOf(env: Env, reportId: number, version: number): Promise<boolean> {
  if (await keptDocx(env.CACHE, reportId, version)) return true;
  const snapshot = await snapshotAt(env.DB, reportId, version);
  const parsed = snapshot ? readStoredReport(snapshot) : null;
  if (!parsed?.ok) return false;
  await keepDocx(env.CACHE, reportId, version, await compileReport(parsed.form, parsed.report, 'docx'));
  return true;
}
