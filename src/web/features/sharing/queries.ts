import { api } from '../../api/client';
import { sharingAnswerSchema, type SharingAnswer, type SharingQuestion } from '../../../shared/sharing';

/** The server is the source of truth: the page never evaluates the rules itself, it asks. */
export function askSharingQuestion(question: SharingQuestion): Promise<SharingAnswer> {
  return api('/api/sharing/questions', { method: 'POST', body: question, schema: sharingAnswerSchema });
}
