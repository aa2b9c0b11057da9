/**
 * A catalog text with one stored part in its own language (a practice's English title in a Bulgarian sentence):
 * `text` is translated without that parameter, so its `{name}` is still there, and the part takes its place marked
 * with `lang`.
 */
export function TextWithPart({ text, name, part, lang }: { text: string; name: string; part: string; lang: string }) {
  const placeholder = `{${name}}`
  const at = text.indexOf(placeholder)
  if (at < 0) return <>{text}</>
  return (
    <>
      {text.slice(0, at)}
      <span lang={lang}>{part}</span>
      {text.slice(at + placeholder.length)}
    </>
  )
}
