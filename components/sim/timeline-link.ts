// A simulation's shared link: the model's compact record of its timeline (`record()`), in the
// one link codec of share-link.ts. The model says what is wrong with a record as data
// (RecordError); the words a reader sees are chosen here.
import {
  timelineFromRecord,
  type ModelTimeline,
  type RecordError,
} from '../../src/os-model/index.ts';
import { DAMAGED, decodeLink, encodeLink, type Read } from './share-link.ts';

/** The link of a simulation: its record and the step the reader is at. Never fails. */
export function timelineLink(tl: ModelTimeline): string {
  return encodeLink(tl.record());
}

/**
 * The live timeline a simulation link holds, at its step. Precondition: none. Failure: `{ ok:
 * false, error }` with a message for the reader (a damaged link, or a record the model refuses);
 * never throws.
 */
export function openTimelineLink(s: unknown): Read<ModelTimeline> {
  const d = decodeLink(s);
  if (!d.ok) return d;
  const r = timelineFromRecord(d.value);
  return r.ok ? r : { ok: false, error: recordMessage(r.error) };
}

/** What a reader is told about a record the model refused. Never fails. */
export function recordMessage(e: RecordError): string {
  switch (e.kind) {
    case 'malformed':
      return `${DAMAGED}${e.detail}.`;
    case 'unknown-scenario':
      return `${DAMAGED}it names a simulation the book does not have ("${e.detail}").`;
    case 'too-long':
      return `${DAMAGED}it holds more than ${e.limit.toLocaleString('en')} steps.`;
    case 'cannot-start':
      return e.detail;
  }
}
