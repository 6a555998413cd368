/**
 * What a resident reads as the basis of a time limit. A statute's citation is shown as it is; a
 * local time limit whose source the county has not entered yet carries a placeholder citation
 * (本地规定（待定）, docs/LEGAL.md §12) that means nothing to a resident and sounds like no rule at
 * all: they see the rule's name as the county configured it instead.
 */
export function residentCitation(rule: { citation: string; label: string }): string {
  return /待定/.test(rule.citation) ? `本地规定：${rule.label}` : rule.citation;
}
