/** The dialog's session fields ↔ the API's session record (see SessionFields.tsx). */
export const relationLabels = {
  relative: '亲属',
  neighbour: '邻里',
  colleague: '同事',
  expert: '专业人员',
  organisation: '社会组织人员',
  other: '其他',
} as const;

const relationByWord = Object.fromEntries(Object.entries(relationLabels).map(([k, v]) => [v, k])) as Record<
  string,
  keyof typeof relationLabels
>;

/** The session record the API takes, from the dialog's fields. */
export function sessionOf(v: {
  sessionAt?: string;
  sessionMode?: 'in_person' | 'video' | 'phone';
  sessionPlace?: string;
  sessionParticipants?: string;
  sessionFacts?: string;
}) {
  const lines = (s?: string) =>
    (s ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const local = v.sessionAt ?? '';
  return {
    // The browser's datetime-local has no zone: the product's time is Beijing time.
    at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local,
    mode: v.sessionMode ?? 'in_person',
    ...(v.sessionPlace?.trim() ? { place: v.sessionPlace.trim() } : {}),
    participants: lines(v.sessionParticipants).map((l) => {
      const [name = l, word = ''] = l.split(/\s+/);
      return { name, relation: relationByWord[word] ?? 'other', partiesConsented: true as const };
    }),
    undisputedFacts: lines(v.sessionFacts),
  };
}
