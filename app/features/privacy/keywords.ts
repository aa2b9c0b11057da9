// Labels that announce an identity number; anchored to the end of the preceding text (nothing numeric in between).
export const LNCH_LABEL = /(?:ЛНЧ|LNCH|личен номер на чужденец|foreigner'?s? (?:personal )?number|PNF)[^\d]{0,20}$/iu
export const EGN_LABEL = /(?:ЕГН|EGN|UCN|единен граждански номер|personal (?:identification )?number)[^\d]{0,20}$/iu
