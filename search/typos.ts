/** Typo tolerance as Meilisearch counts it: one typo in words of 5+ letters, two in 9+. */
export function allowedTypos(length: number): number {
  if (length >= 9) return 2
  if (length >= 5) return 1
  return 0
}

/** Edit distance where swapping two neighbouring letters counts as one typo; stops early past `max`. */
export function typoDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1)
      row.push(d)
      best = Math.min(best, d)
    }
    if (best > max) return max + 1
    rows.push(row)
  }
  return rows[a.length][b.length]
}

/**
 * Whether an indexed word answers a query term with a typo: the whole word, or (as the term is
 * matched as a prefix) the word's beginning of about the term's length.
 */
export function matchesWithTypo(term: string, word: string): boolean {
  const budget = allowedTypos(term.length)
  if (budget === 0) return false
  if (typoDistance(term, word, budget) <= budget) return true
  for (let len = term.length - budget; len <= term.length + budget; len++) {
    if (len > 0 && len < word.length && typoDistance(term, word.slice(0, len), budget) <= budget) return true
  }
  return false
}
