import { invalid } from '../../../../command-handling/src/rejections';
import { optionalText, requireOneOf } from '../input-checks';
import { CASE_RULES } from '../rule-names';

/**
 * A panel decision's category from a fixed list, with the panel's own words: required for `other`
 * (the category then says nothing), optional otherwise. Analysts count the category; the words stay
 * with the panel.
 */
export function categorised<Category extends string>(
  categories: readonly Category[],
  data: { readonly category: Category; readonly reason?: string },
): { category: Category; reason?: string } {
  const given: unknown = data.category;
  if (typeof given !== 'string') {
    throw invalid('category', 'one-of', `category must be one of ${categories.join(', ')}`);
  }
  const category = requireOneOf(categories, given, 'category');
  const reason = typeof data.reason === 'string' ? optionalText(data.reason) : undefined;
  if (category === 'other' && reason === undefined) {
    throw invalid('reason', CASE_RULES.iomReasonForOther, 'reason must say why when category is other');
  }
  return reason === undefined ? { category } : { category, reason };
}
