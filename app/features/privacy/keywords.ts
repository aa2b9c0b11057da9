// Labels that announce an identity number; anchored to the end of the preceding text (nothing numeric in between).
export const LNCH_LABEL = /(?:ЛНЧ|LNCH|личен номер на чужденец|foreigner'?s? (?:personal )?number|PNF)[^\d]{0,20}$/iu
export const EGN_LABEL = /(?:ЕГН|EGN|UCN|единен граждански номер|personal (?:identification )?number)[^\d]{0,20}$/iu
// A label written straight onto its number ("ЕГН0641051235", "тел0888123456"): the label must be a word of its own.
export const GLUED_ID_LABEL = /(?<![\p{L}])(?:ЕГН|EGN|UCN|ЛНЧ|LNCH|PNF)$/iu
export const GLUED_PHONE_LABEL =
  /(?<![\p{L}])(?:тел|телефон|моб|мобилен|gsm|tel|phone|mob|mobile|факс|fax|viber|вайбър|whatsapp)$/iu
