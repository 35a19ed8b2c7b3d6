import { describe, expect, it } from 'vitest';
import type { Language } from '../../schemas/article.ts';
import { scanZones } from '../../functions/process/classify/scan.ts';
import { buildZones } from '../../functions/process/classify/zones.ts';

/** Every state mention in a text, in order, as "surface→CODE:kind". */
function mentions(language: Language, text: string): string[] {
  return scanZones(language, buildZones('', text, [])).hits.flatMap((h) =>
    h.target.type === 'country' ? [`${h.surface}→${h.target.code}:${h.target.kind}`] : []);
}

describe('Russian', () => {
  it('recognises case forms, adjectives, compounds, capitals, leaders and multi-word names', () => {
    const text = 'Казахстанско-туркменские переговоры прошли в Ашхабаде; Туркменией, Туркменистаном, Россией, ' +
      'Китаем, США, Объединенных Арабских Эмиратов, Саудовской Аравией, Южной Кореи, российско-китайские, ' +
      'узбекский, Нур-Султане, Путиным, Си Цзиньпином.';
    expect(mentions('ru', text)).toEqual([
      'Казахстанско→KZ:adjective', 'туркменские→TM:adjective', 'Ашхабаде→TM:capital', 'Туркменией→TM:name',
      'Туркменистаном→TM:name', 'Россией→RU:name', 'Китаем→CN:name', 'США→US:name',
      'Объединенных Арабских Эмиратов→AE:name', 'Саудовской Аравией→SA:name', 'Южной Кореи→KR:name',
      'российско→RU:adjective', 'китайские→CN:adjective', 'узбекский→UZ:adjective', 'Нур-Султане→KZ:capital',
      'Путиным→RU:leader', 'Си Цзиньпином→CN:leader',
    ]);
  });

  it('does not read common words as short names (Кубок is not Cuba, малый is not Mali)', () => {
    expect(mentions('ru', 'Кубок Дэвиса, малый бизнес, кроме того, в связи с этим, Чили и Перу.')).toEqual([
      'Чили→CL:name', 'Перу→PE:name',
    ]);
  });
});

describe('English', () => {
  it('recognises names, demonyms, compounds, abbreviations and capitals', () => {
    const text = "Kazakh-Turkmen talks; Kazakhstan's ties; the U.S. and the UAE; the Emirati side; Moscow and Beijing; " +
      'a South Korean firm; the Kyrgyz Republic; Türkiye.';
    expect(mentions('en', text)).toEqual([
      'Kazakh→KZ:adjective', 'Turkmen→TM:adjective', 'Kazakhstan→KZ:name', 'US→US:name', 'UAE→AE:name',
      'Emirati→AE:adjective', 'Moscow→RU:capital', 'Beijing→CN:capital', 'South Korean→KR:adjective',
      'Kyrgyz Republic→KG:name', 'Türkiye→TR:name',
    ]);
  });

  it('does not read "us" or "Turkic" as states', () => {
    expect(mentions('en', 'Let us see what the Turkic states decide.')).toEqual([]);
  });
});

describe('Kazakh (Cyrillic)', () => {
  it('recognises suffix chains, -лық adjectives, ethnonym compounds, abbreviations and capitals', () => {
    const text = 'Түрікменстанмен, Қазақстанның, Өзбекстанға, қазақ-түрікмен, қазақстандық, Ресейдің, АҚШ-тың, ' +
      'Біріккен Араб Әмірліктерімен, Мәскеуге, Бейжіңде, Тоқаевтың, Катармен.';
    expect(mentions('kk-Cyrl', text)).toEqual([
      'Түрікменстанмен→TM:name', 'Қазақстанның→KZ:name', 'Өзбекстанға→UZ:name', 'қазақ→KZ:ethnonym',
      'түрікмен→TM:ethnonym', 'қазақстандық→KZ:name', 'Ресейдің→RU:name', 'АҚШ→US:name',
      'Біріккен Араб Әмірліктерімен→AE:name', 'Мәскеуге→RU:capital', 'Бейжіңде→CN:capital',
      'Тоқаевтың→KZ:leader', 'Катармен→QA:name',
    ]);
  });

  it('does not read «сонымен қатар» (also) as Qatar', () => {
    expect(mentions('kk-Cyrl', 'Сонымен қатар тараптар келісімге қол қойды.')).toEqual([]);
  });
});

describe('Kazakh (Latin)', () => {
  it('matches the Cyrillic gazetteer through transliteration', () => {
    const text = 'Qazaqstan men Túrikmenstannyń, Reseıge, Qytaıdyń, Ázerbaıjanmen, Baký men Astana, qazaqstandyq, Máskeýde.';
    expect(mentions('kk-Latn', text)).toEqual([
      'Qazaqstan→KZ:name', 'Túrikmenstannyń→TM:name', 'Reseıge→RU:name', 'Qytaıdyń→CN:name',
      'Ázerbaıjanmen→AZ:name', 'Baký→AZ:capital', 'Astana→KZ:capital', 'qazaqstandyq→KZ:name', 'Máskeýde→RU:capital',
    ]);
  });
});

describe('Kazakh (Arabic script)', () => {
  it('matches the Cyrillic gazetteer through transliteration, without case', () => {
    const text = 'قازاقستان مەن ءتۇرىكمەنستاننىڭ، رەسەيگە، قىتايدىڭ، قازاق-قىرعىز، ماسكەۋدە، سونىمەن قاتار.';
    expect(mentions('kk-Arab', text)).toEqual([
      'قازاقستان→KZ:name', 'ءتۇرىكمەنستاننىڭ→TM:name', 'رەسەيگە→RU:name', 'قىتايدىڭ→CN:name',
      'قازاق→KZ:ethnonym', 'قىرعىز→KG:ethnonym', 'ماسكەۋدە→RU:capital',
    ]);
  });
});

describe('Kazakh (Arabic script): abbreviations without case', () => {
  it('reads an abbreviation written letter by letter (ا ق ش, АҚШ) and not ақ (white) as a company', () => {
    expect(mentions('kk-Arab', 'ا ق ش پەن قىتاي كەلىسسوزدى اياقتادى. اق ءۇي حابارلادى.')).toEqual([
      'اقش→US:name', 'قىتاي→CN:name', 'اق ءۇي→US:capital',
    ]);
  });
});

describe('Kazakh (Arabic script): neighbours and main partners', () => {
  it.each([
    ['رەسەي', 'RU'], ['قىتاي', 'CN'], ['وزبەكستان', 'UZ'], ['قىرعىزستان', 'KG'], ['ءتۇرىكمەنستان', 'TM'],
    ['ءتاجىكستان', 'TJ'], ['موڭعوليا', 'MN'], ['اۋعانستان', 'AF'], ['يران', 'IR'], ['تۇركيا', 'TR'],
    ['ازەربايجان', 'AZ'], ['امەريكا', 'US'], ['گەرمانيا', 'DE'], ['فرانسيا', 'FR'], ['ۇلىبريتانيا', 'GB'],
    ['جاپونيا', 'JP'], ['كورەيا', 'KR'], ['ءۇندىستان', 'IN'], ['پاكىستان', 'PK'], ['يتاليا', 'IT'],
    ['ۆەنگريا', 'HU'], ['كاتار', 'QA'], ['بەيجيڭ', 'CN'], ['ماسكەۋ', 'RU'], ['تاشكەنت', 'UZ'], ['ءبىشكەك', 'KG'],
  ])('%s → %s', (name, code) => {
    expect(mentions('kk-Arab', `${name}.`).map((m) => m.split('→')[1]?.split(':')[0])).toEqual([code]);
  });
});

describe('Uzbek (Cyrillic and Latin)', () => {
  it('recognises suffix chains, -лик adjectives, ethnonym compounds and capitals in Cyrillic', () => {
    const text = 'Қозоғистон ва Ўзбекистоннинг, Туркманистонга, қозоқ-туркман, Россиядан, Хитойликлар, қозоғистонлик, ' +
      'Остона–Ашхобод, Тоқаевнинг.';
    expect(mentions('uz-Cyrl', text)).toEqual([
      'Қозоғистон→KZ:name', 'Ўзбекистоннинг→UZ:name', 'Туркманистонга→TM:name', 'қозоқ→KZ:ethnonym',
      'туркман→TM:ethnonym', 'Россиядан→RU:name', 'Хитойликлар→CN:name', 'қозоғистонлик→KZ:name',
      'Остона→KZ:capital', 'Ашхобод→TM:capital', 'Тоқаевнинг→KZ:leader',
    ]);
  });

  it('matches the same gazetteer in Latin, whichever apostrophe is typed', () => {
    const text = "Qozogʻiston va O'zbekistonning, Turkmanistonga, qozoq-turkman, Rossiyadan, Xitoyliklar, Toshkentda.";
    expect(mentions('uz-Latn', text)).toEqual([
      'Qozogʻiston→KZ:name', "O'zbekistonning→UZ:name", 'Turkmanistonga→TM:name', 'qozoq→KZ:ethnonym',
      'turkman→TM:ethnonym', 'Rossiyadan→RU:name', 'Xitoyliklar→CN:name', 'Toshkentda→UZ:capital',
    ]);
  });
});

describe('Chinese', () => {
  it('finds names without word boundaries and abbreviation compounds', () => {
    expect(mentions('zh-Hans', '中哈两国关系，哈萨克斯坦与乌兹别克斯坦，中俄，哈方。')).toEqual([
      '中→CN:adjective', '哈→KZ:adjective', '哈萨克斯坦→KZ:name', '乌兹别克斯坦→UZ:name',
      '中→CN:adjective', '俄→RU:adjective', '哈方→KZ:side',
    ]);
  });

  it('resolves an ambiguous abbreviation by the full name the article uses', () => {
    expect(mentions('zh-Hans', '俄乌冲突，乌克兰')).toEqual(['俄→RU:adjective', '乌→UA:adjective', '乌克兰→UA:name']);
    expect(mentions('zh-Hans', '中乌合作，乌兹别克斯坦')).toEqual(['中→CN:adjective', '乌→UZ:adjective', '乌兹别克斯坦→UZ:name']);
  });

  it('ignores regions, dates and words that only contain abbreviations', () => {
    expect(mentions('zh-Hans', '内蒙古，中美洲，3日中国代表团，美德')).toEqual(['中国→CN:name']);
  });

  it('reads a run of three abbreviations as three states', () => {
    expect(mentions('zh-Hans', '中吉乌铁路')).toEqual(['中→CN:adjective', '吉→KG:adjective', '乌→UZ:adjective']);
  });
});

describe('regions and cities name their states', () => {
  it('a Kazakh region and a Chinese province, as subnational partners do', () => {
    expect(mentions('en', 'The akim of Turkistan region met a delegation from Shaanxi province in Shymkent.')).toEqual([
      'akim→KZ:self', 'Turkistan→KZ:region', 'Shaanxi→CN:region', 'Shymkent→KZ:region',
    ]);
    expect(mentions('ru', 'Аким Алматинской области встретился с губернатором Синьцзяна.')).toEqual([
      'Аким→KZ:self', 'Алматинской→KZ:region', 'Синьцзяна→CN:region',
    ]);
    expect(mentions('zh-Hans', '阿拉木图州代表团访问了新疆。')).toEqual(['阿拉木图→KZ:region', '新疆→CN:region']);
  });
});

describe('short forms of states', () => {
  it('Chinese: a one-character state after a verb or preposition (访华, 驻哈, 对俄)', () => {
    expect(mentions('zh-Hans', '总统将访华。中国驻哈大使谈对俄出口。')).toEqual(['华→CN:side', '中国→CN:name', '哈→KZ:side', '俄→RU:side']);
  });

  it('Chinese: not where the character begins another word (美丽, 日内瓦, 华人, 中心)', () => {
    expect(mentions('zh-Hans', '在美丽的城市，在日内瓦，对华人，在中心。')).toEqual([]);
  });

  it('Kazakh Latin: an abbreviation with a digraph (AQSh for АҚШ)', () => {
    expect(mentions('kk-Latn', "Qytaı AQSh-tyń sheshimin synady.")).toEqual(['Qytaı→CN:name', 'AQSh→US:name']);
  });
});

/** Every cue in a text, in order, as "surface→label". */
function cues(language: Language, text: string): string[] {
  return scanZones(language, buildZones('', text, [])).hits.flatMap((h) => (h.target.type === 'cue' ? [`${h.surface}→${h.target.label}`] : []));
}

describe('cues that say "the two of them"', () => {
  it('Chinese: 两地 (the two places) is two localities, not two countries', () => {
    expect(cues('zh-Hans', '两国关系密切，两地往来频繁。')).toEqual(['两国→two countries', '关系→relations', '两地→interregional']);
  });
});
