import type { Explained, RagArea } from '../model/status.ts';
import { composeKey, formatMessage, joinList, message, type Language } from '../messages/index.ts';
import { worstRating } from '../rules/rag.ts';
import type { Rated } from './common.ts';

/**
 * The overall rating: the worst of the four areas, except that it is never green while an area that
 * applies to the child has no data to rate (`incomplete`): then it is `none` and says the picture is
 * incomplete. Its sentences name only the areas that drive it, and say which areas were not rated.
 */
export function rateOverall(areas: Readonly<Record<RagArea, Rated>>, language: Language = 'en'): Rated & { incomplete: RagArea[] } {
  const names = Object.keys(areas) as RagArea[];
  const areaNames = (list: readonly RagArea[]) => joinList(list.map((area) => formatMessage(composeKey('area.', area), {}, language)), language);
  const incomplete = names.filter((area) => areas[area].rating === 'none' && areas[area].missing === true);
  const unrated = names.filter((area) => areas[area].rating === 'none' && areas[area].missing !== true);
  const worst = worstRating(names.map((area) => areas[area].rating));
  const reasons: Explained[] = [];
  if (worst === 'none' || (worst === 'green' && incomplete.length > 0)) {
    if (incomplete.length > 0) reasons.push(message('rag.overall.incomplete', { areas: areaNames(incomplete) }, language));
    else reasons.push(message('rag.overall.none', {}, language));
    const green = names.filter((area) => areas[area].rating === 'green');
    if (green.length > 0) reasons.push(message('rag.overall.rated-green', { areas: areaNames(green) }, language));
    return { rating: 'none', reasons, incomplete };
  }
  const which = names.filter((area) => areas[area].rating === worst);
  reasons.push(message('rag.overall.worst', { areas: areaNames(which), rating: formatMessage(composeKey('rating.', worst), {}, language) }, language));
  if (incomplete.length > 0) reasons.push(message('rag.overall.also-incomplete', { areas: areaNames(incomplete) }, language));
  if (unrated.length > 0) reasons.push(message('rag.overall.unrated', { areas: areaNames(unrated) }, language));
  return { rating: worst, reasons, incomplete };
}
