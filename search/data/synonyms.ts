/**
 * Words and phrases staff use for the same thing; a query with one of them also finds the others.
 * Each group is equivalent in both directions. Add a group as one line; keep the field's spelling
 * (see ../../../shared/design/GLOSSARY.md). Compared in canonical (transliterated) form.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['ДСП', 'Дирекция „Социално подпомагане“', 'Social Assistance Directorate'],
  ['ОЗД', 'Отдел „Закрила на детето“', 'Отдел за закрила на детето', 'Child Protection Department', 'child protection'],
  ['АСП', 'Агенция за социално подпомагане', 'Social Assistance Agency'],
  ['РУО', 'Регионално управление на образованието', 'Regional Education Office'],
  ['ДПС', 'Детска педагогическа стая', "Children's Pedagogical Office"],
  ['МКБППМН', 'Местна комисия за борба с противообществените прояви на малолетните и непълнолетните'],
  ['СО', 'Столична община', 'Sofia Municipality'],
  ['НЕИСПУО', 'Национална електронна информационна система за предучилищното и училищното образование'],
  ['СУ', 'средно училище', 'secondary school'],
  ['ОУ', 'основно училище', 'primary school'],
  ['ДГ', 'детска градина', 'kindergarten'],
  ['ПГ', 'подготвителна група', 'preparatory group'],
  ['отпаднал', 'отпадане', 'dropout', 'drop out', 'early school leaver'],
  ['необхванат', 'необхванато', 'not enrolled'],
  ['обхват', 'outreach'],
  ['училище', 'school'],
  ['родители', 'parents'],
  ['семейство', 'family'],
  ['посещение', 'visit'],
  ['отсъствия', 'absences'],
  ['ромски', 'роми', 'Roma'],
  ['социален работник', 'social worker'],
  ['педагогически съветник', 'school counsellor'],
  ['класен ръководител', 'class teacher'],
  ['ден на отворените врати', 'open day'],
  ['добра практика', 'good practice'],
  ['Образователен патрул', 'Educational Patrol'],
  ['Механизъм за обхват', 'Coverage Mechanism'],
]
