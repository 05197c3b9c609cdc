import { html, type TemplateResult } from 'lit';
import type { Rating } from '../../core/model/status.ts';
import type { StringKey } from './i18n.ts';

/**
 * A RAG rating as a badge: the rating in words plus a shape and a colour, so it never relies on colour.
 * `t` is the element's translator.
 */
export function ragBadge(rating: Rating, t: (key: StringKey) => string): TemplateResult {
  return html`<span class="rag rag-${rating}" part="rag rag-${rating}">${t(`rag.${rating}`)}</span>`;
}
