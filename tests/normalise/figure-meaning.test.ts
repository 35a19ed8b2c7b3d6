import { describe, expect, it } from 'vitest';
import type { Language } from '../../schemas/article.ts';
import { describeFigures } from '../../functions/process/normalise/figure-meaning.ts';
import { extractFigures } from '../../functions/process/normalise/figures.ts';

/** Each figure of the paragraphs as "raw | metric | period | from>to | change". */
function meaning(language: Language, pair: string | null, ...paragraphs: string[]): string[] {
  return describeFigures(extractFigures(paragraphs), paragraphs, { language, publishedAt: '2025-11-24T04:00:00Z', pair }).map((f) =>
    [f.raw, f.metric, f.period ?? '-', f.direction ? `${f.direction.from}>${f.direction.to}` : '-', f.change ?? '-'].join(' | '));
}

describe('what a figure measures and for when', () => {
  it('Uzbek: turnover for a year, then for nine months with its growth, then "this period" for exports and imports', () => {
    expect(meaning('uz-Cyrl', 'KZ-TM',
      '2024 йилда икки мамлакат ўртасидаги савдо айланмаси 555,7 миллион долларга тенг бўлди. Жорий йилнинг январь–сентябрь ойларида бу кўрсаткич 363,6 миллион долларга етиб, ўтган йилнинг шу даврига нисбатан 5,4% га ўсди.',
      'Мазкур даврда Қозоғистоннинг экспорти 221,7 миллион долларни, Туркманистондан келтирилган товарлар эса 141,9 миллион долларлик бўлди.',
    )).toEqual([
      '555,7 миллион доллар | trade-turnover | 2024 | - | -',
      '363,6 миллион доллар | trade-turnover | 2025-01/2025-09 | - | 5.4',
      '5,4% | growth | 2025-01/2025-09 | - | -',
      '221,7 миллион доллар | exports | 2025-01/2025-09 | KZ>TM | -',
      '141,9 миллион доллар | imports | 2025-01/2025-09 | TM>KZ | -',
    ]);
  });

  it('Russian: a month range with its year, going on into the next sentence; exports with both states named, imports named by none', () => {
    expect(meaning('ru', 'KZ-TM',
      'По итогам января–сентября 2025 года товарооборот между Казахстаном и Туркменистаном составил 555,7 млн долларов, что на 5,4% больше, чем годом ранее. Экспорт Казахстана в Туркменистан достиг 363,6 млн долларов, импорт — 221,7 млн долларов.',
    )).toEqual([
      '555,7 млн долларов | trade-turnover | 2025-01/2025-09 | - | 5.4',
      '5,4% | growth | 2025-01/2025-09 | - | -',
      '363,6 млн долларов | exports | 2025-01/2025-09 | KZ>TM | -',
      '221,7 млн долларов | imports | 2025-01/2025-09 | TM>KZ | -',
    ]);
  });

  it('English: a year after the figure, a fall, a share in the next sentence', () => {
    expect(meaning('en', 'CN-KZ',
      'Trade turnover between Kazakhstan and China reached $43.8 billion in 2024, down 2.1 percent. China accounts for 22% of Kazakhstan\'s foreign trade.',
    )).toEqual([
      '$43.8 billion | trade-turnover | 2024 | - | -2.1',
      '2.1 percent | growth | 2024 | - | -',
      '22% | share | 2024 | - | -',
    ]);
  });

  it('a part that a thing "takes up" or «занимает» is a share, not growth', () => {
    expect(meaning('en', 'KZ-TM', 'Wheat takes up 68% of the sown area.')).toEqual(['68% | share | - | - | -']);
    expect(meaning('ru', 'KZ-TM', 'Пшеница занимает 68% площадей, засеянных в регионе.')).toEqual(['68% | share | - | - | -']);
  });

  it('Chinese: 2025年1-9月, 同比增长, and 对华出口 for the direction', () => {
    expect(meaning('zh-Hans', 'CN-KZ', '2025年1-9月，哈中贸易额达到350亿美元，同比增长8.2%。其中哈方对华出口120亿美元。')).toEqual([
      '350亿美元 | trade-turnover | 2025-01/2025-09 | - | 8.2',
      '8.2% | growth | 2025-01/2025-09 | - | -',
      '120亿美元 | exports | 2025-01/2025-09 | KZ>CN | -',
    ]);
  });

  it('Kazakh: "this year" and "for nine months" resolved against the publication date; tonnes are a volume', () => {
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Биыл 9 айда Қазақстан мен Қытай арасындағы тауар айналымы 32 млрд долларға жетті. Қытайға 2,5 млн тонна астық экспортталды.')).toEqual([
      '32 млрд доллар | trade-turnover | 2025-01/2025-09 | - | -',
      '2,5 млн тонна | volume | 2025-01/2025-09 | - | -',
    ]);
  });

  it('"for eleven months" read in January is last year\'s; "last year" is the year before', () => {
    const figures = (text: string) => describeFigures(extractFigures([text]), [text], { language: 'ru', publishedAt: '2026-01-10T04:00:00Z', pair: null });
    expect(figures('За 11 месяцев инвестиции составили 2 млрд долларов.')[0]).toMatchObject({ metric: 'investment', period: '2025-01/2025-11' });
    expect(figures('В прошлом году кредиты составили 300 млн долларов.')[0]).toMatchObject({ metric: 'loans', period: '2025' });
  });

  it('leaves what the text does not say: no metric word, no period, no direction', () => {
    expect(meaning('en', null, 'The company paid $5 million.')).toEqual(['$5 million | other | - | - | -']);
  });

  it('does not take a comparison base, a signing date or a plan\'s year from an earlier sentence as the period', () => {
    expect(meaning('en', 'CN-RU', 'Trade between China and Russia hit 1,737.6 billion yuan in 2024. In dollar terms it came to $244.8 billion, 1.9% more than in 2023.')).toEqual([
      '1,737.6 billion yuan | trade-turnover | 2024 | - | -',
      '$244.8 billion | trade-turnover | 2024 | - | 1.9',
      '1.9% | growth | 2024 | - | -',
    ]);
    expect(meaning('en', 'DE-KZ', 'KfW will extend a €80 million loan to Kazakhstan under an agreement signed on March 10.')).toEqual(['€80 million | loans | - | - | -']);
    expect(meaning('zh-Hans', 'DE-KZ', '今年1-10月，哈德贸易额达28.5亿欧元。德方计划在哈投资3.5亿欧元。')).toEqual([
      '28.5亿欧元 | trade-turnover | 2025-01/2025-10 | - | -',
      '3.5亿欧元 | investment | - | - | -',
    ]);
  });

  it('English: a span of years in words, the months "to" a month, Q1, a base after "from" or "below", a word that leads into the next sum', () => {
    expect(meaning('en', 'KR-KZ',
      'Korean firms invested $1.3 billion between 2020 and 2024. In Q1 2025 investment reached $96.4 million, up 18% from a year earlier.',
      'Trade came to $5.1 billion in the ten months to October, 2.1% below the 2024 level, with imports from Korea of $3.2 billion.',
    )).toEqual([
      '$1.3 billion | investment | 2020/2024 | - | -',
      '$96.4 million | investment | 2025-Q1 | - | 18',
      '18% | growth | 2025-Q1 | - | -',
      '$5.1 billion | trade-turnover | 2025-01/2025-10 | - | -2.1',
      '2.1% | growth | 2025-01/2025-10 | - | -',
      '$3.2 billion | imports | 2025-01/2025-10 | KR>KZ | -',
    ]);
  });

  it('Kazakh: a base in the ablative two words on, buying and selling as imports and exports', () => {
    expect(meaning('kk-Cyrl', 'KZ-UZ',
      'Биылғы тоғыз айда Өзбекстан Қазақстаннан 1,6 млрд долларлық тауар сатып алды, бұл өткен жылғы осы кезеңнен 12 пайызға көп.',
    )).toEqual([
      '1,6 млрд доллар | imports | 2025-01/2025-09 | KZ>UZ | 12',
      '12 пайыз | growth | 2025-01/2025-09 | - | -',
    ]);
  });

  it('Kazakh and Uzbek word order: money made an adjective names the noun after it, a source is no base, a compound names nothing', () => {
    expect(meaning('kk-Cyrl', 'JP-KZ',
      'Жапония 4 млн долларлық грант пен 120 млн долларлық несие бөлді. 2025 жылы Жапониядан 9 пайызға көп инвестиция келді.',
      'Сауда-экономикалық ынтымақтастық жөніндегі комиссия жалпы құны 2,7 млрд доллар болатын келісімдерге қол қойды.',
    )).toEqual([
      '4 млн доллар | grants | - | - | -',
      '120 млн доллар | loans | - | - | -',
      '9 пайыз | growth | 2025 | - | -',
      '2,7 млрд доллар | project-value | - | - | -',
    ]);
    expect(meaning('uz-Cyrl', 'KZ-UZ', '2005 йилдан буён Қозоғистон компаниялари Ўзбекистонга 3,1 млрд доллар сармоя киритган.')).toEqual([
      '3,1 млрд доллар | investment | - | - | -',
    ]);
  });

  it('puts a change in percentage points on the share it changed', () => {
    expect(meaning('ru', null, 'Доля Германии во внешней торговле за этот период выросла на 0,7 п.п. и достигла 9,5%.')).toEqual([
      '0,7 п.п. | growth | - | - | -',
      '9,5% | share | - | - | 0.7',
    ]);
  });
  it('Kazakh and Uzbek: a target year with its own word between («2030 жылға қарай», «2030 йилгача») is not carried on', () => {
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Банк 2030 жылға қарай 3 млрд долларға дейін несие бөлуге дайын. Банк бұған дейін 6,8 млрд доллар қарыз берген.')).toEqual([
      '3 млрд доллар | loans | 2030 | - | -',
      '6,8 млрд доллар | loans | - | - | -',
    ]);
    expect(meaning('uz-Cyrl', 'KZ-UZ', 'Икки давлат 2030 йилгача савдо ҳажмини 10 млрд долларга етказади. Банк 500 млн доллар кредит ажратди.')).toEqual([
      '10 млрд доллар | trade-turnover | 2030 | - | -',
      '500 млн доллар | loans | - | - | -',
    ]);
  });
  it('a word after another sum is that sum\'s, unless the sum between is a percentage "of" it', () => {
    expect(meaning('kk-Cyrl', 'KZ-UZ', 'Облыс пен Өзбекстанның сауда айналымы 2025 жылы 240 млн доллар болды. Қаңтар-шілде айларында бұл көрсеткіш 131,7 млн доллар болды, оның 82 пайызы облыс экспорты.')).toEqual([
      '240 млн доллар | trade-turnover | 2025 | - | -',
      '131,7 млн доллар | trade-turnover | 2025-01/2025-07 | - | -',
      '82 пайыз | share | 2025-01/2025-07 | - | -',
    ]);
    expect(meaning('en', 'CN-KZ', 'This year, Chinese companies have put $2.3 billion into the sector, representing 41% of all foreign direct investment in it.')).toEqual([
      '$2.3 billion | investment | 2025 | - | -',
      '41% | share | 2025 | - | -',
    ]);
  });

  it('Uzbek: worth alone is what the goods moved before were worth, with their flow\'s states; a later clause\'s period is its own figure\'s', () => {
    expect(meaning('uz-Cyrl', 'KZ-UZ', 'Йил бошидан буён Қозоғистондан 1,1 млн тонна буғдой импорт қилинди. Унинг қиймати 236 млн доллардан ошди, шундан 58 млн доллари июнь ойига тўғри келади.')).toEqual([
      '1,1 млн тонна | volume | 2025 | - | -',
      '236 млн доллар | imports | 2025 | KZ>UZ | -',
      '58 млн доллар | imports | 2025-06 | KZ>UZ | -',
    ]);
  });

  it('direction: no state inside a currency\'s name, the flow word\'s own clause, and a state\'s adjective on goods or on the flow', () => {
    expect(meaning('kk-Cyrl', 'KZ-TJ', 'Бірінші жартыжылдықта Тәжікстанға 212,4 мың тонна ұн жөнелтілді. Ұн экспортының құны 61 млн АҚШ долларын құрады.')).toEqual([
      '212,4 мың тонна | volume | 2025-01/2025-06 | - | -',
      '61 млн АҚШ доллар | exports | 2025-01/2025-06 | KZ>TJ | -',
    ]);
    expect(meaning('uz-Cyrl', 'KZ-UZ', 'Учинчи чоракда Ўзбекистоннинг Қозоғистондан импорти 5,6 фоизга камайиб, 740 млн долларни ташкил этди.')).toEqual([
      '5,6 фоиз | growth | 2025-Q3 | - | -',
      '740 млн доллар | imports | 2025-Q3 | KZ>UZ | -5.6',
    ]);
    expect(meaning('kk-Cyrl', 'KR-KZ', 'Қазан айында корей автокөліктерінің импорты 208 млн долларға жетті.')).toEqual(['208 млн доллар | imports | 2025-10 | KR>KZ | -']);
    expect(meaning('ru', 'AZ-KZ', 'Из них на казахстанский экспорт пришлось 158,6 млн долларов.')).toEqual(['158,6 млн долларов | exports | - | KZ>AZ | -']);
  });
  it('which figure a growth changed: the next one after a converb, the last of the sentence before after «Бұл», "This", the first of two changes', () => {
    expect(meaning('kk-Cyrl', 'KZ-TR', 'Экспорт 2,1 млрд долларға дейін азайды, ал Түркиядан импорт 12 пайызға ұлғайып, 1,3 млрд долларға жетті.')).toEqual([
      '2,1 млрд доллар | exports | - | KZ>TR | -',
      '12 пайыз | growth | - | - | -',
      '1,3 млрд доллар | imports | - | TR>KZ | 12',
    ]);
    expect(meaning('kk-Cyrl', 'KZ-UZ', 'Биыл Өзбекстанға 146 мың тонна жеміс экспортталды. Бұл өткен жылмен салыстырғанда 18 пайызға көп.')).toEqual([
      '146 мың тонна | volume | 2025 | - | 18',
      '18 пайыз | growth | 2025 | - | -',
    ]);
    expect(meaning('en', 'KZ-UZ', 'Trade reached $3.3 billion this year. This is 11% more than a year earlier.')).toEqual([
      '$3.3 billion | trade-turnover | 2025 | - | 11',
      '11% | growth | 2025 | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'KZ-RU', 'Сәуір айында Ресейге 1,1 млн тонна көмір жөнелтілді. Бұл наурыздағыдан 7 пайызға аз, бірақ өткен жылдың сәуірімен салыстырғанда 4 пайызға көп.')).toEqual([
      '1,1 млн тонна | volume | 2025-04 | - | -7',
      '7 пайыз | growth | 2025-04 | - | -',
      '4 пайыз | growth | 2025-04 | - | -',
    ]);
  });
  it('Kazakh: every form of «қаржыландыр-» (to finance) is lending, but a sum made an attribute («… болатын») is its head noun\'s', () => {
    expect(meaning('kk-Cyrl', 'KZ-SA', 'Қор Қазақстандағы 5 жобаны жалпы сомасы 240 млн доллардан астам қаржыландырған.')).toEqual(['240 млн доллар | loans | - | - | -']);
    expect(meaning('kk-Cyrl', 'KZ-UZ', 'Банк жалпы сомасы 120 млрд теңге болатын 14 экспорттық келісімшартты қаржыландырған.')).toEqual(['120 млрд теңге | project-value | - | - | -']);
  });
  it('Kazakh: «май» is oil (майлы дақыл, өсімдік майы), not May, which Kazakh calls «мамыр»', () => {
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Қаңтар-маусымда Қытайға 2,7 млн тонна астық пен майлы дақыл тасымалданды. Бұл 31 пайызға көп.')).toEqual([
      '2,7 млн тонна | volume | 2025-01/2025-06 | - | 31',
      '31 пайыз | growth | 2025-01/2025-06 | - | -',
    ]);
  });
  it('direction: a conjunct naming no state after the opposite flow\'s reads that flow\'s states, the other way round', () => {
    expect(meaning('en', 'KZ-UZ', 'Uzbekistan exported $1.4 billion of goods to Kazakhstan and imported $2.9 billion.')).toEqual([
      '$1.4 billion | exports | - | UZ>KZ | -',
      '$2.9 billion | imports | - | KZ>UZ | -',
    ]);
    expect(meaning('en', 'KZ-UZ', "Kazakhstan's exports to Uzbekistan amounted to $1.4 billion and imports $2.9 billion.")).toEqual([
      '$1.4 billion | exports | - | KZ>UZ | -',
      '$2.9 billion | imports | - | UZ>KZ | -',
    ]);
    expect(meaning('ru', 'KZ-UZ', 'Узбекистан экспортировал в Казахстан товаров на 1,4 млрд долларов, а импортировал на 2,9 млрд долларов.')).toEqual([
      '1,4 млрд долларов | exports | - | UZ>KZ | -',
      '2,9 млрд долларов | imports | - | KZ>UZ | -',
    ]);
    expect(meaning('uz-Cyrl', 'KZ-UZ', 'Ўзбекистоннинг Қозоғистонга экспорти 1,5 миллиард долларни, импорт эса 1 миллиард 80 миллион долларни ташкил этди.')).toEqual([
      '1,5 миллиард доллар | exports | - | UZ>KZ | -',
      '1 миллиард 80 миллион доллар | imports | - | KZ>UZ | -',
    ]);
    expect(meaning('zh-Hans', 'CN-KZ', '中国对哈出口41.2亿美元，自哈进口27.3亿美元。')).toEqual([
      '41.2亿美元 | exports | - | CN>KZ | -',
      '27.3亿美元 | imports | - | KZ>CN | -',
    ]);
    // Its own states named: read as they stand.
    expect(meaning('en', 'KZ-UZ', "Uzbekistan's exports to Kazakhstan were $1.4 billion, and imports from Kazakhstan $2.9 billion.")).toEqual([
      '$1.4 billion | exports | - | UZ>KZ | -',
      '$2.9 billion | imports | - | KZ>UZ | -',
    ]);
  });

  it('direction: a flow\'s clause that names no state takes the states of the sentence before that named the same flow', () => {
    expect(meaning('kk-Cyrl', 'KZ-TJ', 'Тәжікстан Қазақстаннан жыл сайын шамамен 1 млн тонна бидай сатып алады. Өткен жылы бұл импорттың құны 245 млн доллар болды.')).toEqual([
      '1 млн тонна | volume | - | - | -',
      '245 млн доллар | imports | 2024 | KZ>TJ | -',
    ]);
  });
  it('a growth leads into the sum after it: " to ", « – до », « и достиг »', () => {
    expect(meaning('ru', 'KZ-TR', 'За 11 месяцев экспорт в Турцию сократился на 4,3% – до 2,3 млрд долларов, тогда как импорт из Турции увеличился на 9% и достиг 1,4 млрд долларов.')).toEqual([
      '4,3% | growth | 2025-01/2025-11 | - | -',
      '2,3 млрд долларов | exports | 2025-01/2025-11 | KZ>TR | -4.3',
      '9% | growth | 2025-01/2025-11 | - | -',
      '1,4 млрд долларов | imports | 2025-01/2025-11 | TR>KZ | 9',
    ]);
    expect(meaning('en', 'KZ-RU', 'Exports fell to $7.1 billion in 2024, while imports rose 1.2% to $18.1 billion.')).toEqual([
      '$7.1 billion | exports | 2024 | KZ>RU | -',
      '1.2% | growth | 2024 | - | -',
      '$18.1 billion | imports | 2024 | RU>KZ | 1.2',
    ]);
  });

  it('Kazakh: «ұқсас кезең» is the same period; «осы кезеңде» after a portfolio, which takes none, is the period stated before it', () => {
    expect(meaning('kk-Cyrl', 'KZ-RU', '2025 жылғы 9 айдың қорытындысы бойынша Ресеймен тауар айналымы 19,6 млрд долларды құрады. Өткен жылдың ұқсас кезеңінде бұл көрсеткіш 20,1 млрд доллар болған.')).toEqual([
      '19,6 млрд доллар | trade-turnover | 2025-01/2025-09 | - | -',
      '20,1 млрд доллар | trade-turnover | 2024-01/2024-09 | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'KZ-TR', 'Жылдың бірінші жартысында түрік жобаларының жалпы портфелі 3,2 млрд долларға жетті. Осы кезеңде түрік компаниялары 240 млн доллар инвестиция салды.')).toEqual([
      '3,2 млрд доллар | project-value | - | - | -',
      '240 млн доллар | investment | 2025-01/2025-06 | - | -',
    ]);
  });
  it('Kazakh: «соңғы үш жылда» is no calendar span, «жарты жылда» the first half, «3 пайызға асты» a growth', () => {
    expect(meaning('kk-Cyrl', 'KZ-TR', '2022-2024 жылдар аралығында түрік инвесторлары 1,9 млрд доллар салды. Соңғы үш жылда инвестиция портфелі 14 пайызға ұлғайды.')).toEqual([
      '1,9 млрд доллар | investment | 2022/2024 | - | -',
      '14 пайыз | growth | - | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'KG-KZ', 'Жарты жылда Қырғызстанға экспорт 34,7 млн долларға жетіп, 26 пайызға артты.')).toEqual([
      '34,7 млн доллар | exports | 2025-01/2025-06 | KZ>KG | 26',
      '26 пайыз | growth | 2025-01/2025-06 | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Тоғыз айдағы жиынтық көлем 8,7 млн тоннаны құрап, былтырғы деңгейден 3 пайызға асты.')).toEqual([
      '8,7 млн тонна | volume | 2025-01/2025-09 | - | 3',
      '3 пайыз | growth | 2025-01/2025-09 | - | -',
    ]);
  });

  it('Kazakh: a genitive whole before a part in the possessive; worth in a clause of its own; a growth naming what grew in a later sentence', () => {
    expect(meaning('kk-Cyrl', 'KZ-UZ', 'Өткен жылғы 4,4 млрд долларлық тауар айналымының 3 млрд доллары Қазақстан экспортына тиесілі. 2023 жылмен салыстырғанда екі ел арасындағы сауда 9,6 пайызға өсті.')).toEqual([
      '4,4 млрд доллар | trade-turnover | 2024 | - | 9.6',
      '3 млрд доллар | exports | 2024 | KZ>UZ | -',
      '9,6 пайыз | growth | 2024 | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'KZ-UZ', 'Өзбекстан Қазақстаннан газ сатып алады. Қаңтар-қазан айларында 4,1 млрд текше метр газ импортталды, оның құны 390 млн доллар.')).toEqual([
      '4,1 млрд текше метр | volume | 2025-01/2025-10 | - | -',
      '390 млн доллар | imports | 2025-01/2025-10 | KZ>UZ | -',
    ]);
  });
  it('direction: the opposite flow of a sentence before, seen from its side, unless the same goods are named back; bought in a state is from it', () => {
    expect(meaning('uz-Cyrl', 'KZ-UZ', '2025 йил якунларига кўра Ўзбекистоннинг Қозоғистондан импорти 3,2 млрд долларни ташкил этди. Экспорт эса 1,7 млрд долларга етди.')).toEqual([
      '3,2 млрд доллар | imports | 2025 | KZ>UZ | -',
      '1,7 млрд доллар | exports | 2025 | UZ>KZ | -',
    ]);
    expect(meaning('kk-Cyrl', 'KZ-TJ', 'Тәжікстан Қазақстаннан 420 мың тонна ұн сатып алды. Бұл жеткізілімдердің құны 118 млн доллар болды.')).toEqual([
      '420 мың тонна | volume | - | - | -',
      '118 млн доллар | exports | - | KZ>TJ | -',
    ]);
    expect(meaning('ru', 'KZ-TJ', 'С начала года Таджикистан закупил в Казахстане пшеницы на сумму около 140 млн долларов.')).toEqual(['140 млн долларов | imports | 2025 | KZ>TJ | -']);
  });
  it('a trade balance (surplus, deficit, сальдо, профицит, 顺差) is other money, not turnover', () => {
    expect(meaning('kk-Cyrl', 'KZ-UZ', '2025 жылғы сауда профициті 1,7 млрд долларды құрады.')).toEqual(['1,7 млрд доллар | other | 2025 | - | -']);
    expect(meaning('ru', 'KZ-UZ', 'Положительное сальдо торговли с Узбекистаном за 9 месяцев составило 1,7 млрд долларов.')).toEqual(['1,7 млрд долларов | other | 2025-01/2025-09 | - | -']);
    expect(meaning('en', 'KZ-UZ', "Kazakhstan's trade surplus with Uzbekistan reached $1.7 billion in 2024.")).toEqual(['$1.7 billion | other | 2024 | - | -']);
    expect(meaning('zh-Hans', 'KZ-UZ', '2024年哈方对乌贸易顺差为17亿美元。')).toEqual(['17亿美元 | other | 2024 | - | -']);
  });
  it('a part of the year not yet over is last year\'s when reported, this year\'s when planned', () => {
    const figures = (text: string) => describeFigures(extractFigures([text]), [text], { language: 'kk-Cyrl', publishedAt: '2025-07-29T05:00:00Z', pair: null });
    expect(figures('Екінші жартыжылдықта тасымал 1,2 млн тоннаны құрады.')[0]).toMatchObject({ metric: 'volume', period: '2024-07/2024-12' });
    expect(figures('Екінші жартыжылдықта бұл көлемді 1 млн тоннаға дейін арттыру көзделіп отыр.')[0]).toMatchObject({ metric: 'volume', period: '2025-07/2025-12' });
  });
  it('months counted from a quarter\'s or a half\'s start: «III тоқсанның алғашқы екі айында», "the first two months of the third quarter"', () => {
    expect(meaning('kk-Cyrl', 'KG-KZ', 'III тоқсанның алғашқы екі айында Қырғызстанға 96 мың тонна жанармай жөнелтілді.')).toEqual(['96 мың тонна | volume | 2025-07/2025-08 | - | -']);
    expect(meaning('en', 'KZ-RU', 'In the first two months of the third quarter, exports reached $2.1 billion.')).toEqual(['$2.1 billion | exports | 2025-07/2025-08 | KZ>RU | -']);
    expect(meaning('kk-Cyrl', 'KZ-RU', 'Биылғы алғашқы екі айда экспорт 2,1 млрд доллар болды.')).toEqual(['2,1 млрд доллар | exports | 2025-01/2025-02 | KZ>RU | -']);
  });

  it('Kazakh: money «put» (салу) is invested with a quantifier or a word for funds between («доллардан астам қаржы салды»), not with another noun', () => {
    expect(meaning('kk-Cyrl', 'KZ-TR', 'Түрік инвесторлары 2024 жылы 620 млн доллардан астам қаржы салды.')).toEqual(['620 млн доллар | investment | 2024 | - | -']);
    expect(meaning('kk-Cyrl', 'KZ-TR', 'Компания 2024 жылы 5 млн доллар қаражатын салды.')).toEqual(['5 млн доллар | investment | 2024 | - | -']);
    expect(meaning('kk-Cyrl', 'KZ-TR', 'Компания 2024 жылы 5 млн доллар жол салды.')).toEqual(['5 млн доллар | other | 2024 | - | -']);
  });

  it('a rate per day or year takes a period only from its own clause: none carried from the clause or sentence before', () => {
    expect(meaning('kk-Cyrl', 'AZ-KZ', 'Биылғы төрт айда құбыр арқылы 520 мың тонна мұнай тасымалданды, ал тәулігіне тасымал 20 мың баррельге жетеді.')).toEqual([
      '520 мың тонна | volume | 2025-01/2025-04 | - | -',
      '20 мың баррель | volume | - | - | -',
    ]);
    expect(meaning('ru', 'KZ-RU', 'В 2024 году по трубопроводу прокачано 60 млн тонн нефти, а в сутки до 1,2 млн баррелей.')).toEqual([
      '60 млн тонн | volume | 2024 | - | -',
      '1,2 млн баррелей | volume | - | - | -',
    ]);
    expect(meaning('en', 'KZ-RU', 'In 2024 the pipeline carried 3.6 billion cubic metres, and it will carry 10 billion cubic metres a year by 2030.')).toEqual([
      '3.6 billion cubic metres | volume | 2024 | - | -',
      '10 billion cubic metres | volume | 2030 | - | -',
    ]);
  });

  it('a horizon with no year ("in the coming years", «жақын жылдары», «в ближайшие годы») takes no period from the sentence before', () => {
    expect(meaning('kk-Cyrl', 'KZ-TM', 'Өткен жылы тауар айналымы 600 млн доллардан асты. Біз оны жақын жылдары 1 млрд долларға жеткізуіміз керек.')).toEqual([
      '600 млн доллар | trade-turnover | 2024 | - | -',
      '1 млрд доллар | trade-turnover | - | - | -',
    ]);
    expect(meaning('ru', 'KZ-TM', 'В 2024 году товарооборот составил 600 млн долларов. В ближайшие годы товарооборот достигнет 1 млрд долларов.')).toEqual([
      '600 млн долларов | trade-turnover | 2024 | - | -',
      '1 млрд долларов | trade-turnover | - | - | -',
    ]);
    expect(meaning('en', 'KZ-TM', 'Trade reached $600 million in 2024. In the coming years trade should reach $1 billion.')).toEqual([
      '$600 million | trade-turnover | 2024 | - | -',
      '$1 billion | trade-turnover | - | - | -',
    ]);
  });

  it('a flow a deal is for («контракт на поставку», "a contract for the export of", «экспорттау туралы келісім») leaves the sum the deal\'s', () => {
    expect(meaning('ru', 'FR-KZ', 'Стороны подписали контракт на поставку урана стоимостью около 1,5 млрд евро.')).toEqual(['1,5 млрд евро | project-value | - | - | -']);
    expect(meaning('en', 'FR-KZ', 'They signed a contract for the export of uranium worth €1.5 billion.')).toEqual(['€1.5 billion | project-value | - | - | -']);
    expect(meaning('kk-Cyrl', 'FR-KZ', 'Тараптар уран экспорттау туралы 1,5 млрд еуролық келісімге қол қойды.')).toEqual(['1,5 млрд еуро | project-value | - | - | -']);
    expect(meaning('uz-Cyrl', 'KZ-UZ', 'Томонлар 300 млн долларлик ғалла етказиб бериш бўйича шартнома имзолади.')).toEqual(['300 млн доллар | project-value | - | - | -']);
    expect(meaning('ru', 'FR-KZ', 'В 2025 году поставки урана во Францию составили 1,5 млрд евро.')).toEqual(['1,5 млрд евро | exports | 2025 | KZ>FR | -']);
  });

  it('a sentence naming a volume («Тасымал көлемі», "The volume") that grew changes the last count of the sentence before', () => {
    expect(meaning('kk-Cyrl', 'AZ-KZ', 'Биылғы сегіз айда құбыр арқылы 8,4 млн баррель мұнай жөнелтілді. Тасымал көлемі бір жыл бұрынғыдан 6 пайызға артты.')).toEqual([
      '8,4 млн баррель | volume | 2025-01/2025-08 | - | 6',
      '6 пайыз | growth | 2025-01/2025-08 | - | -',
    ]);
    expect(meaning('en', 'AZ-KZ', 'In January–August, 8.4 million barrels were shipped. The volume grew by 6%.')).toEqual([
      '8.4 million barrels | volume | 2025-01/2025-08 | - | 6',
      '6% | growth | 2025-01/2025-08 | - | -',
    ]);
  });
  it('a change stated in the present-future or as a fall noun is growth: «артады», «өседі», «ўсади», «вырастет», «Спад»', () => {
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Биыл жеткізілім 20 пайызға артады деп күтілуде.')).toEqual(['20 пайыз | growth | 2025 | - | -']);
    expect(meaning('kk-Cyrl', 'AZ-KZ', 'Паромдық тасымал биыл 30 пайызға өседі.')).toEqual(['30 пайыз | growth | 2025 | - | -']);
    expect(meaning('uz-Cyrl', 'KZ-UZ', 'Жорий йилда юк ташиш 15 фоизга ўсади.')).toEqual(['15 фоиз | growth | 2025 | - | -']);
    expect(meaning('ru', 'KZ-RU', 'В текущем году перевозки вырастут на 12%.')).toEqual(['12% | growth | 2025 | - | -']);
    expect(meaning('ru', 'KG-KZ', 'Спад составил 4,6%.')).toEqual(['4,6% | growth | - | - | -']);
  });
  it('Russian: «с января по ноябрь 2024 года» is a span that carries into later sentences, not a start like «с 2005 года»', () => {
    expect(meaning('ru', 'KZ-UZ', 'С января по ноябрь 2024 года Казахстан поставил в Узбекистан 2,6 млн тонн пшеницы. Доля Узбекистана в экспорте зерна составила 37%.')).toEqual([
      '2,6 млн тонн | volume | 2024-01/2024-11 | - | -',
      '37% | share | 2024-01/2024-11 | - | -',
    ]);
    expect(meaning('ru', 'KZ-TR', 'С 2005 года турецкие компании вложили в Казахстан 5 млрд долларов.')).toEqual(['5 млрд долларов | investment | - | - | -']);
  });
  it('a sentence opening with a bare change noun («Спад составил», «Прирост к 2024 году составил») changes the last figure before; «к 2024 году» is its base', () => {
    expect(meaning('ru', 'KG-KZ', 'В первом полугодии 2023 года товарооборот снизился до 1,1 млрд долларов. Спад составил 4,6%.')).toEqual([
      '1,1 млрд долларов | trade-turnover | 2023-01/2023-06 | - | -4.6',
      '4,6% | growth | 2023-01/2023-06 | - | -',
    ]);
    expect(meaning('ru', 'AZ-KZ', 'В 2025 году через порты перевалено 8,2 млн тонн грузов. Прирост к 2024 году составил 9,5%.')).toEqual([
      '8,2 млн тонн | volume | 2025 | - | 9.5',
      '9,5% | growth | 2025 | - | -',
    ]);
    expect(meaning('en', 'KZ-UZ', 'Trade reached $3.3 billion in 2024. The increase was 11%.')).toEqual([
      '$3.3 billion | trade-turnover | 2024 | - | 11',
      '11% | growth | 2024 | - | -',
    ]);
  });
  it('transit revenue is other, not the flow of the goods before it, yet goes on with their period', () => {
    expect(meaning('ru', 'KZ-RU', 'В первом квартале 2025 года поставки газа в Казахстан выросли до 1,9 млрд кубометров. Доходы от транзита составили около $45 млн.')).toEqual([
      '1,9 млрд кубометров | volume | 2025-Q1 | - | -',
      '$45 млн | other | 2025-Q1 | - | -',
    ]);
    expect(meaning('en', 'KZ-CN', 'In 2024 Kazakhstan supplied 2.9 billion cubic metres of gas to China. Transit revenue reached $120 million.')).toEqual([
      '2.9 billion cubic metres | volume | 2024 | - | -',
      '$120 million | other | 2024 | - | -',
    ]);
  });
  it('goods sent as aid are no exports: the worth of the shipment is a grant', () => {
    expect(meaning('kk-Cyrl', 'AF-KZ', 'Қазақстан Ауғанстанға 5 мың тонна ұнды гуманитарлық көмек ретінде жөнелтті. Жүктің жалпы құны 3,8 млн доллар.')).toEqual([
      '5 мың тонна | volume | - | - | -',
      '3,8 млн доллар | grants | - | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'AF-KZ', 'Қазақстан Ауғанстанға 5 мың тонна ұн жөнелтті. Жүктің жалпы құны 3,8 млн доллар.')).toEqual([
      '5 мың тонна | volume | - | - | -',
      '3,8 млн доллар | exports | - | KZ>AF | -',
    ]);
  });
  it('a specific word right after a sum is its noun, over a flow word before it («сатып алуға 4,5 млн доллар грант»)', () => {
    expect(meaning('kk-Cyrl', 'JP-KZ', 'Жапония үкіметі медициналық жабдық сатып алуға 4,5 млн доллар грант бөлді.')).toEqual(['4,5 млн доллар | grants | - | - | -']);
    expect(meaning('uz-Cyrl', 'JP-UZ', 'Япония тиббий ускуналар сотиб олишга 2 млн доллар грант ажратди.')).toEqual(['2 млн доллар | grants | - | - | -']);
  });
  it('Kazakh: «салған қаражаты» (funds put in) is investment, whatever projects it went into', () => {
    expect(meaning('kk-Cyrl', null, '2022 жылы банктің жаңа жобаларға салған қаражаты 1,1 млрд долларды құраған.')).toEqual(['1,1 млрд доллар | investment | 2022 | - | -']);
  });
  it('money given «на эти цели» ("for this purpose") is the aid, loan or investment named before, not an allocation', () => {
    expect(meaning('ru', 'KZ-TR', 'Казахстан направил в Турцию гуманитарную помощь. Правительство выделило на эти цели 500 тыс. долларов, еще около 1 млн долларов собрали компании.')).toEqual([
      '500 тыс. долларов | grants | - | - | -',
      '1 млн долларов | grants | - | - | -',
    ]);
    expect(meaning('ru', 'KZ-TR', 'Товарооборот с Турцией растет. Правительство выделило на эти цели 500 тыс. долларов.')).toEqual(['500 тыс. долларов | other | - | - | -']);
    expect(meaning('en', 'KZ-TR', 'Kazakhstan sent humanitarian aid to Turkey. The government allocated $500,000 for this purpose.')).toEqual(['$500,000 | grants | - | - | -']);
  });
  it('a point in a month («маусымның басында», «в начале июня», "in early June") is an event\'s date, no period', () => {
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Маусымның басында Қытай банкі Қазақстанға 1,2 млрд юань несие бөлді.')).toEqual(['1,2 млрд юань | loans | - | - | -']);
    expect(meaning('ru', 'CN-KZ', 'В начале июня китайский банк выдал Казахстану кредит в 1,2 млрд юаней.')).toEqual(['1,2 млрд юаней | loans | - | - | -']);
    expect(meaning('en', 'CN-KZ', 'In early June a Chinese bank granted Kazakhstan a loan of 1.2 billion yuan.')).toEqual(['1.2 billion yuan | loans | - | - | -']);
    expect(meaning('ru', 'CN-KZ', 'В июне китайский банк выдал Казахстану кредит в 1,2 млрд юаней.')).toEqual(['1,2 млрд юаней | loans | 2025-06 | - | -']);
  });
  it('an actor names no flow alone, but with its verb it does: "importers paid", «экспортеры получили»', () => {
    expect(meaning('en', 'KZ-RU', 'Last month Kazakh importers paid 48.3 billion roubles for Russian goods.')).toEqual(['48.3 billion roubles | imports | 2025-10 | RU>KZ | -']);
    expect(meaning('ru', 'KZ-RU', 'В прошлом месяце казахстанские экспортеры получили 12 млрд рублей.')).toEqual(['12 млрд рублей | exports | 2025-10 | KZ>RU | -']);
    expect(meaning('en', 'KZ-RU', 'Kazakh importers met Russian partners at a forum with a budget of $2 million.')).toEqual(['$2 million | other | - | - | -']);
  });
  it('Kazakh in Latin script reads the same: «artady», a noun after the sum, «salǵan qarajaty», «maýsymnyń basynda»', () => {
    expect(meaning('kk-Latn', 'CN-KZ', 'Bıyl Qytaıǵa jetkizilim 20 paıyzǵa artady.')).toEqual(['20 paıyz | growth | 2025 | - | -']);
    expect(meaning('kk-Latn', 'JP-KZ', 'Japonııa úkimeti jabdyq satyp alýǵa 4,5 mln dollar grant bóldi.')).toEqual(['4,5 mln dollar | grants | - | - | -']);
    expect(meaning('kk-Latn', null, '2022 jyly banktiń jobalarǵa salǵan qarajaty 1,1 mlrd dollardy qurady.')).toEqual(['1,1 mlrd dollar | investment | 2022 | - | -']);
    expect(meaning('kk-Latn', null, 'Maýsymnyń basynda bank 1,2 mlrd dollar nesıe bóldi.')).toEqual(['1,2 mlrd dollar | loans | - | - | -']);
  });

  it('a clause about a goal or the present («алдағы уақытта», "now") takes no period from earlier in its sentence', () => {
    expect(meaning('kk-Cyrl', 'KZ-UZ', 'Тауар айналымы былтыр 4,4 млрд долларға жетті, алдағы уақытта оны 10 млрд долларға жеткізу міндеті тұр.')).toEqual([
      '4,4 млрд доллар | trade-turnover | 2024 | - | -',
      '10 млрд доллар | trade-turnover | - | - | -',
    ]);
    expect(meaning('en', 'CN-KZ', 'China accounted for 21.8 percent of trade in the first quarter of this year, and 14,000 people are now studying in China.')).toEqual([
      '21.8 percent | share | 2025-Q1 | - | -',
      '14,000 people | volume | - | - | -',
    ]);
  });

  it('a period the growth owns ("rose 9.4 percent last year to $3.1 billion") dates the figure it changes', () => {
    expect(meaning('en', 'DE-KZ', 'Trade rose 9.4 percent last year to $3.1 billion.')).toEqual([
      '9.4 percent | growth | 2024 | - | -',
      '$3.1 billion | trade-turnover | 2024 | - | 9.4',
    ]);
  });

  it('a stock, a credit line or a deal signed takes no period from a sentence before; its own still dates it', () => {
    expect(meaning('kk-Cyrl', 'CN-KZ', 'Былтыр тауар айналымы 41 млрд долларға жетті. Қытайдың Қазақстанға салған инвестициясы 26 млрд доллардан асты.')).toEqual([
      '41 млрд доллар | trade-turnover | 2024 | - | -',
      '26 млрд доллар | investment | - | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'HU-KZ', 'Былтыр тауар айналымы 400 млн долларға жетті. Эксимбанк 200 млн еуроға дейін несие желісін ашады.')).toEqual([
      '400 млн доллар | trade-turnover | 2024 | - | -',
      '200 млн еуро | loans | - | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'KG-KZ', 'Былтыр тауар айналымы 1,6 млрд долларды құраған. Қырғызстанға 200 мың тонна жанар-жағармай жеткізу туралы келісімге қол қойылды.')).toEqual([
      '1,6 млрд доллар | trade-turnover | 2024 | - | -',
      '200 мың тонна | volume | - | - | -',
    ]);
    expect(meaning('en', 'CN-KZ', 'Last year trade reached $41 billion. Accumulated Chinese investment exceeds $26 billion.')).toEqual([
      '$41 billion | trade-turnover | 2024 | - | -',
      '$26 billion | investment | - | - | -',
    ]);
    expect(meaning('kk-Cyrl', 'TR-KZ', 'Былтыр Түркияның Қазақстанға салған инвестициясы 410 млн долларды құрады.')).toEqual([
      '410 млн доллар | investment | 2024 | - | -',
    ]);
  });
});

describe('reviewed defects', () => {
  it('a past month stays past when only another clause is a plan: "which will help", "willing", «будет сохраняться», 将 as an object marker', () => {
    expect(meaning('en', 'CN-KZ', 'In December, Kazakhstan exported $100 million worth of goods to China, which will help the sides.')).toEqual(['$100 million | exports | 2024-12 | KZ>CN | -']);
    expect(meaning('en', 'CN-KZ', 'In December, Kazakhstan exported $100 million worth of goods to China, willing partners.')).toEqual(['$100 million | exports | 2024-12 | KZ>CN | -']);
    expect(meaning('ru', 'CN-KZ', 'В декабре экспорт Казахстана в Китай составил 100 млн долларов, и эта тенденция будет сохраняться.')).toEqual(['100 млн долларов | exports | 2024-12 | KZ>CN | -']);
    expect(meaning('zh-Hans', 'CN-KZ', '12月，哈萨克斯坦将1亿美元的货物出口到中国。')).toEqual(['1亿美元 | exports | 2024-12 | KZ>CN | -']);
    // The figure's own clause a plan: this year's.
    expect(meaning('en', 'CN-KZ', 'In December, Kazakhstan will export $100 million worth of goods to China.')).toEqual(['$100 million | exports | 2025-12 | KZ>CN | -']);
  });
  it('Chinese words are read in text order: money "for this purpose" is the last transfer named before (a loan after aid)', () => {
    expect(meaning('zh-Hans', 'CN-KZ', '中国向哈萨克斯坦提供援助。随后双方签署了贷款协议。为此拨款500万美元。')).toEqual(['500万美元 | loans | - | - | -']);
    expect(meaning('ru', 'CN-KZ', 'Китай оказал Казахстану помощь. Затем стороны подписали кредитное соглашение. На эти цели выделено 5 млн долларов.')).toEqual(['5 млн долларов | loans | - | - | -']);
  });
  it('Chinese: a sentence opening with 这 points back, as «Бұл», «Это», "This" do: its change is of the last figure before', () => {
    expect(meaning('zh-Hans', 'CN-KZ', '今年哈萨克斯坦向中国出口蔬菜14.6万吨。这增长了18%。')).toEqual(['14.6万吨 | volume | 2025 | - | 18', '18% | growth | 2025 | - | -']);
    expect(meaning('ru', 'CN-KZ', 'В этом году Казахстан экспортировал в Китай 146 тыс. тонн овощей. Это на 18% больше.')).toEqual(['146 тыс. тонн | volume | 2025 | - | 18', '18% | growth | 2025 | - | -']);
    // The same goods named back (这些) move the same way, whatever the flow word, as after «Бұл».
    expect(meaning('zh-Hans', 'KZ-TJ', '塔吉克斯坦从哈萨克斯坦进口42万吨面粉。这些出口货物的价值为1.18亿美元。')).toEqual(['42万吨 | volume | - | - | -', '1.18亿美元 | exports | - | KZ>TJ | -']);
  });
  it('Russian: «ближайш-» is a horizon only in its time sense («в ближайшие три года», «в ближайшее время»), not «ближайших партнеров»', () => {
    expect(meaning('ru', 'CN-KZ', 'За январь–сентябрь товарооборот составил 10 млрд долларов. Китай остается одним из ближайших торговых партнеров: импорт достиг 5 млрд долларов.')).toEqual([
      '10 млрд долларов | trade-turnover | 2025-01/2025-09 | - | -',
      '5 млрд долларов | imports | 2025-01/2025-09 | CN>KZ | -',
    ]);
    for (const horizon of ['В ближайшие три года', 'В ближайшее время', 'В ближайшей перспективе']) {
      expect(meaning('ru', 'CN-KZ', `За январь–сентябрь товарооборот составил 10 млрд долларов. ${horizon} импорт достигнет 5 млрд долларов.`)[1]).toBe('5 млрд долларов | imports | - | CN>KZ | -');
    }
  });
  it('Chinese: 将 starts a new topic as the future (将向, 将在), not as the object marker (将20万吨小麦出口到), which keeps the carried period', () => {
    expect(meaning('zh-Hans', 'CN-KZ', '1-9月，哈萨克斯坦对华出口100亿美元。哈萨克斯坦将20万吨小麦出口到中国。')[1]).toBe('20万吨 | volume | 2025-01/2025-09 | - | -');
    expect(meaning('zh-Hans', 'CN-KZ', '1-9月，哈萨克斯坦对华出口100亿美元。哈萨克斯坦将向中国出口20万吨小麦。')[1]).toBe('20万吨 | volume | - | - | -');
  });
  it('forms once listed on their own are read by their shorter stems: "transit revenues", "revenues from transit", "exporters earned", «доходы от транзита», «ҳар ойда»', () => {
    for (const revenue of ['Transit revenues', 'Revenues from transit']) {
      expect(meaning('en', 'KZ-RU', `In 2024 Kazakhstan exported 5 million tonnes of grain to Russia. ${revenue} reached $1.2 billion.`)[1]).toBe('$1.2 billion | other | 2024 | - | -');
    }
    expect(meaning('en', 'KZ-RU', 'Last month Kazakh exporters earned 12 billion roubles.')).toEqual(['12 billion roubles | exports | 2025-10 | KZ>RU | -']);
    expect(meaning('ru', 'KZ-RU', 'В 2024 году Казахстан экспортировал в Россию 5 млн тонн зерна. Доходы от транзита составили 1,2 млрд долларов.')[1]).toBe('1,2 млрд долларов | other | 2024 | - | -');
    expect(meaning('uz-Cyrl', 'KZ-UZ', '2024 йилда Қозоғистондан 5 миллион тонна ғалла келтирилди. Ҳар ойда 400 минг тонна юк ташилади.')[1]).toBe('400 минг тонна | volume | - | - | -');
  });
  it('Russian: a percentage "к прошлому году" is measured against that year, which dates neither it nor the figures after it', () => {
    expect(meaning('ru', 'KZ-UZ', 'Товарооборот снизился на 5% к прошлому году и составил 3 млрд долларов.')).toEqual([
      '5% | growth | - | - | -',
      '3 млрд долларов | trade-turnover | - | - | -5',
    ]);
    expect(meaning('ru', 'KZ-UZ', 'Экспорт сократился на 5 процентов к 2023 году.')).toEqual(['5 процентов | growth | - | - | -']);
  });
  it('Russian: «долл. США» is one unit, so a year after it dates the figure; «долл.» before a new sentence still ends it', () => {
    expect(meaning('ru', 'KZ-UZ', 'Объем торговли составил 1 500 млн долл. США в 2024 году.')).toEqual(['1 500 млн долл. | trade-turnover | 2024 | - | -']);
    expect(meaning('ru', 'KZ-UZ', 'В 2024 году товарооборот составил 1,5 млрд долл. Экспорт Казахстана в Узбекистан достиг 900 млн долларов.')).toEqual([
      '1,5 млрд долл. | trade-turnover | 2024 | - | -',
      '900 млн долларов | exports | 2024 | KZ>UZ | -',
    ]);
  });
});

/** Whether each figure of a paragraph is said planned, as "raw | planned". */
function planned(language: Language, paragraph: string): string[] {
  return describeFigures(extractFigures([paragraph]), [paragraph], { language, publishedAt: '2025-11-24T04:00:00Z', pair: null }).map((f) => `${f.raw} | ${f.planned}`);
}

describe('a target, plan or forecast, told from a reported figure', () => {
  it('flags a target, an intention, a forecast and the future of a loan, each by its own clause', () => {
    expect(planned('en', 'Trade reached $3 billion last year, and the sides aim to bring it to $6 billion by 2030.')).toEqual(['$3 billion | false', '$6 billion | true']);
    expect(planned('ru', 'Стороны намерены довести товарооборот до 10 млрд долларов.')).toEqual(['10 млрд долларов | true']);
    expect(planned('kk-Cyrl', 'Банк Қазақстанға 50 млрд теңге несие береді.')).toEqual(['50 млрд теңге | true']);
    expect(planned('zh-Hans', '国家开发银行将向哈萨克斯坦提供人民币50亿元贷款。')).toEqual(['50亿元 | true']);
    expect(planned('uz-Cyrl', '2030 йилда бу кўрсаткични 10 миллиард долларга етказиш кўзда тутилган.')).toEqual(['10 миллиард доллар | true']);
  });

  it('flags a possibility as not yet real, in every edition; "May" the month and «мүмкіндік» (an opportunity) stay reported', () => {
    expect(planned('en', 'Trade between the two countries may reach $6 billion in 2025.')).toEqual(['$6 billion | true']);
    expect(planned('en', 'Trade could reach $6 billion by 2027.')).toEqual(['$6 billion | true']);
    expect(planned('en', 'In May trade reached $400 million.')).toEqual(['$400 million | false']);
    expect(planned('ru', 'Товарооборот может достичь 5 млрд долларов.')).toEqual(['5 млрд долларов | true']);
    expect(planned('ru', 'По итогам года товарооборот превысит 5 млрд долларов.')).toEqual(['5 млрд долларов | true']);
    expect(planned('ru', 'В 2024 году товарооборот составил 4,4 млрд долларов.')).toEqual(['4,4 млрд долларов | false']);
    expect(planned('kk-Cyrl', 'Тауар айналымы 5 млрд долларға жетуі мүмкін.')).toEqual(['5 млрд доллар | true']);
    expect(planned('kk-Cyrl', 'Тауар айналымы 4,4 млрд долларды құрады, бұл жаңа мүмкіндік.')).toEqual(['4,4 млрд доллар | false']);
    expect(planned('uz-Cyrl', 'Савдо айланмаси 5 миллиард долларга етиши мумкин.')).toEqual(['5 миллиард доллар | true']);
    expect(planned('zh-Hans', '中哈贸易额可能达到500亿美元。')).toEqual(['500亿美元 | true']);
  });

  it('reads "may" as a verb in English, not as the month: no period of May from it', () => {
    const period = (text: string) => describeFigures(extractFigures([text]), [text], { language: 'en', publishedAt: '2025-11-24T04:00:00Z', pair: null }).map((f) => f.period ?? null);
    expect(period('Trade in 2024 may have been $4.4 billion.')).toEqual(['2024']);
    expect(period('In May trade reached $400 million.')).toEqual(['2025-05']);
  });

  // Words that name a plan elsewhere, and a year that was a target once, in sentences that report what happened.
  it('leaves reported figures alone: delivery, "than expected", supply, a news agency reporting, a target year gone by', () => {
    expect(planned('kk-Cyrl', '2024 жылы Қытайға астық жеткізу көлемі 1,2 млн тоннаны құрады.')).toEqual(['1,2 млн тонна | false']);
    expect(planned('kk-Cyrl', 'Қазақстандық жеткізушілері 1,2 млрд доллар тауар экспорттады.')).toEqual(['1,2 млрд доллар | false']);
    expect(planned('uz-Cyrl', 'Ғалла етказиш ҳажми 1,2 млн тоннани ташкил этди.')).toEqual(['1,2 млн тонна | false']);
    expect(planned('en', 'Exports to the border areas to the south reached $2 billion.')).toEqual(['$2 billion | false']);
    expect(planned('en', 'Shipments grew by a higher than expected 20%, bringing the total since 2020 to 9.8 million tonnes.')).toEqual(['20% | false', '9.8 million tonnes | false']);
    expect(planned('ru', 'Предложение выросло на 20%.')).toEqual(['20% | false']);
    expect(planned('uz-Cyrl', 'Савдо ҳажми 1,2 миллиард долларни ташкил этди деб хабар беради ЎзА.')).toEqual(['1,2 миллиард доллар | false']);
    expect(planned('kk-Cyrl', 'Өткен жылы сауда айналымы 3 млрд долларға бағаланады.')).toEqual(['3 млрд доллар | false']);
    expect(planned('zh-Hans', '中哈虚拟货币交易额达到30亿美元。')).toEqual(['30亿美元 | false']);
    expect(planned('ru', 'К 2023 году товарооборот вырос до 3 млрд долларов.')).toEqual(['3 млрд долларов | false']);
    expect(planned('en', 'By 2023 trade had grown to $3 billion.')).toEqual(['$3 billion | false']);
  });
});
