/**
 * The recommended next step (core/domain/matters/next-steps.ts, sent as matter.nextStep) leads the
 * action buttons; the others keep the transition table's order, so buttons never jump around
 * between two visits of the same matter.
 */
export function recommendedFirst<A extends { action: string }>(
  allowed: readonly A[],
  next: string | null,
): A[] {
  const first = allowed.filter((a) => a.action === next);
  return [...first, ...allowed.filter((a) => a.action !== next)];
}
