/**
 * Words a query ignores unless it has nothing else (Bulgarian and English function words). A Bulgarian
 * one is recognised in Cyrillic or in Latin (za, na); an English one only as a Latin word typed in lower
 * case, so the acronym СО (or SO) is never taken for "so". A word that starts a synonym is never dropped.
 */
const list = (words: string) => words.trim().split(/\s+/)

export const BULGARIAN_STOP_WORDS = list(`
  а аз ако ала би бил била били било в във вие все въпреки върху да дали до докато дори е едва
  за зад и или им има като каква какво как какъв кой коя кое кои която които което към ли
  между му на над не нещо ни него нея ние нито но о от още по под поради при пред през с са
  се си след сме със сте съм също та така те то този тази това тези той тя тук там ще че
`)

export const ENGLISH_STOP_WORDS = list(`
  a an and are as at be but by for from has have if in into is it its of on or so such that the
  their then there these they this to was were will with
`)
