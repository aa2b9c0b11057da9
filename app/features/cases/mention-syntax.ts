/** @ followed by one to three capitalised words: "@Елена Петкова", "@Anna Kirova". Shared by the server and the live check. */
export const MENTION = /@(\p{Lu}[\p{Ll}\p{M}'’-]*(?:[ \u00A0]\p{Lu}[\p{Ll}\p{M}'’-]*){0,2})/gu

/** Where @mentions could be (the server keeps only those that name a real colleague). */
export function mentionSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(MENTION)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }))
}
