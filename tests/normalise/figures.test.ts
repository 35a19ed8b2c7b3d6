import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../schemas/article.ts';
import { extractFigures } from '../../functions/process/normalise/figures.ts';

const money = (value: number, unit: string, raw: string, paragraph = 0): Figure => ({ kind: 'money', value, unit, raw, paragraph });
const percent = (value: number, raw: string, paragraph = 0, unit = '%'): Figure => ({ kind: 'percent', value, unit, raw, paragraph });
const count = (value: number, unit: string, raw: string, paragraph = 0): Figure => ({ kind: 'count', value, unit, raw, paragraph });

describe('extractFigures: the Astana–Ashgabat long read (uz-Cyrl), paragraph by paragraph', () => {
  it('finds the trade figures with Uzbek case endings and numbers the paragraphs from the summary', () => {
    const paragraphs = [
      'Туркманистон Президенти бугун Қозоғистонга расмий ташриф билан келади.',
      'Комиссиянинг 12-йиғилиши 2023 йил 15 майда, 13 йиғилиши эса 2024 йил 2 октябрда ўтди.',
      'Икки давлат ўртасида 70 га яқин шартнома имзоланган.',
      '2024 йилда савдо ҳажми 555,7 миллион долларни ташкил этди.',
      'Шу йилнинг олти ойида у 363,6 миллион долларга етди, бу 5,4% га ўсишни англатади.',
    ];
    expect(extractFigures(paragraphs)).toEqual([
      money(555_700_000, 'USD', '555,7 миллион доллар', 3),
      money(363_600_000, 'USD', '363,6 миллион доллар', 4),
      percent(5.4, '5,4%', 4),
    ]);
  });
});

describe('extractFigures: money, by edition', () => {
  it.each([
    ['ru', 'Товарооборот достиг 555,7 млн долларов.', [money(555_700_000, 'USD', '555,7 млн долларов')]],
    ['ru', 'Инвестиции составили 1,2 млрд тенге и 20 млн евро.', [money(1_200_000_000, 'KZT', '1,2 млрд тенге'), money(20_000_000, 'EUR', '20 млн евро')]],
    ['ru', 'Кредит на 3,5 млрд рублей и 100 млн юаней.', [money(3_500_000_000, 'RUB', '3,5 млрд рублей'), money(100_000_000, 'CNY', '100 млн юаней')]],
    ['ru', 'Поставки на 2 млн американских долларов.', [money(2_000_000, 'USD', '2 млн американских долларов')]],
    ['kk', 'Бюджет 3 трлн теңгеге жетті.', [money(3_000_000_000_000, 'KZT', '3 трлн теңге')]],
    ['kk', 'Экспорт 5 млрд АҚШ долларын құрады.', [money(5_000_000_000, 'USD', '5 млрд АҚШ доллар')]],
    ['uz-Cyrl', 'Лойиҳа қиймати 100 млн сўм.', [money(100_000_000, 'UZS', '100 млн сўм')]],
    ['uz-Latn', "Loyiha 555,7 mln dollar va 100 mln so'm.", [money(555_700_000, 'USD', '555,7 mln dollar'), money(100_000_000, 'UZS', "100 mln so'm")]],
    ['kk-Latn', 'Jobanyń quny 48 mlrd. teńge.', [money(48_000_000_000, 'KZT', '48 mlrd. teńge')]],
    ['kk-Arab', 'ەكسپورت 7 ميلليارد دوللارعا جەتەدى.', [money(7_000_000_000, 'USD', '7 ميلليارد دوللار')]],
    ['en', 'Trade reached $555.7 million and investment $43.8 billion.', [money(555_700_000, 'USD', '$555.7 million'), money(43_800_000_000, 'USD', '$43.8 billion')]],
    ['en', 'It will cost KZT5bn a year, and US$ 2 bn in total.', [money(5_000_000_000, 'KZT', 'KZT5bn'), money(2_000_000_000, 'USD', 'US$ 2 bn')]],
    ['en', 'The bank approved a $300m loan, a €25m grant and $500k of aid; trade was $4.4B.', [money(300_000_000, 'USD', '$300m'), money(25_000_000, 'EUR', '€25m'), money(500_000, 'USD', '$500k'), money(4_400_000_000, 'USD', '$4.4B')]],
    // A letter after a bare number is no scale: metres, a count without its unit.
    ['en', 'The bridge, 300m long, cost $5m; the MP3 is $5 mb and 5m visitors came.', [money(5_000_000, 'USD', '$5m'), money(5, 'USD', '$5')]],
    ['en', 'Grants of 100 million euros and €5 million, 2 million USD.', [money(100_000_000, 'EUR', '100 million euros'), money(5_000_000, 'EUR', '€5 million'), money(2_000_000, 'USD', '2 million USD')]],
    ['en', 'A loan of £30 million and 4 billion yen.', [money(30_000_000, 'GBP', '£30 million'), money(4_000_000_000, 'JPY', '4 billion yen')]],
    ['zh', '双边贸易额达5.557亿美元，逾10亿元人民币。', [money(555_700_000, 'USD', '5.557亿美元'), money(1_000_000_000, 'CNY', '10亿元')]],
    ['zh', '投资3000万欧元。', [money(30_000_000, 'EUR', '3000万欧元')]],
  ] as const)('%s: %s', (_edition, text, expected) => {
    expect(extractFigures([text])).toEqual(expected);
  });

  it('maps the other currencies by their words, needing the adjective where the word is ambiguous', () => {
    expect(extractFigures(['Сделка на 5 млн турецких лир, 7 млрд южнокорейских вон, 3 млн фунтов стерлингов и 2 млн сомов.'])).toEqual([
      money(5_000_000, 'TRY', '5 млн турецких лир'),
      money(7_000_000_000, 'KRW', '7 млрд южнокорейских вон'),
      money(3_000_000, 'GBP', '3 млн фунтов стерлингов'),
      money(2_000_000, 'KGS', '2 млн сомов'),
    ]);
    expect(extractFigures(['Проект на 5 млн европейских инвестиций и 3 млн фунтов зерна.'])).toEqual([]);
  });
});

describe('extractFigures: percent and counts', () => {
  it.each([
    ['ru', 'Рост составил 5,4% и 3,1 %.', [percent(5.4, '5,4%'), percent(3.1, '3,1 %')]],
    ['ru', 'Доля выросла на 12 процентов, на 2 п.п. и на 5 процентных пункта.', [percent(12, '12 процентов'), percent(2, '2 п.п.', 0, 'pp'), percent(5, '5 процентных пункта', 0, 'pp')]],
    ['kk', 'Өсім 5,4 пайызды құрады.', [percent(5.4, '5,4 пайыз')]],
    ['uz-Latn', "O'sish 5,4 foiz bo'ldi.", [percent(5.4, '5,4 foiz')]],
    ['uz-Cyrl', 'Ўсиш 5,4 фоизга етди.', [percent(5.4, '5,4 фоиз')]],
    ['en', 'Growth was 5.4 percent, or 5.4 per cent, up 0.3 percentage points.', [percent(5.4, '5.4 percent'), percent(5.4, '5.4 per cent'), percent(0.3, '0.3 percentage points', 0, 'pp')]],
    ['zh', '同比增长5.4%。', [percent(5.4, '5.4%')]],
    ['ru, negative', 'Инфляция составила −0,3%, а в прошлом месяце (-0,1%), прогноз 5-7%.', [percent(-0.3, '−0,3%'), percent(-0.1, '-0,1%'), percent(7, '7%')]],
    ['ru', 'Перевезено 1,2 млн тонн грузов и 5 млн т нефти, 100 тыс. человек.', [count(1_200_000, 'tonnes', '1,2 млн тонн'), count(5_000_000, 'tonnes', '5 млн т'), count(100_000, 'people', '100 тыс. человек')]],
    ['kk', 'Жиынға 5 мың адам қатысты.', [count(5000, 'people', '5 мың адам')]],
    ['kk-Latn', 'Sý kólemi 2,4 mlrd. tekshe metrge jetti.', [count(2_400_000_000, 'cubic metres', '2,4 mlrd. tekshe metr')]],
    ['kk-Arab', 'قىتايعا 2,6 ميلليارد تەكشە مەتر گاز ەكسپورتتادى.', [count(2_600_000_000, 'cubic metres', '2,6 ميلليارد تەكشە مەتر')]],
    ['en', 'It exported 1,200 tonnes of grain, 5 billion cubic meters of gas and 300,000 barrels.', [count(1200, 'tonnes', '1,200 tonnes'), count(5_000_000_000, 'cubic metres', '5 billion cubic meters'), count(300_000, 'barrels', '300,000 barrels')]],
    ['zh', '出口小麦12万吨，接待游客5000人。', [count(120_000, 'tonnes', '12万吨'), count(5000, 'people', '5000人')]],
  ] as const)('%s: %s', (_edition, text, expected) => {
    expect(extractFigures([text])).toEqual(expected);
  });
});

describe('extractFigures: Kazakh and Uzbek endings on every unit word', () => {
  it.each([
    ['kk, barrels', 'Тасымал 20 мың баррельге жетеді, 5 мың баррельден асады.', [count(20_000, 'barrels', '20 мың баррель'), count(5000, 'barrels', '5 мың баррель')]],
    ['kk, cubic metres in two words', 'Көлемі 34,6 млрд текше метрді құрады.', [count(34_600_000_000, 'cubic metres', '34,6 млрд текше метр')]],
    ['kk-Arab, cubic metres with an ending', 'كولەمى 3 ميلليارد تەكشە مەترگە جەتتى.', [count(3_000_000_000, 'cubic metres', '3 ميلليارد تەكشە مەتر')]],
    ['kk, roubles', 'Несие 1,9 трлн рубльге жетті.', [money(1_900_000_000_000, 'RUB', '1,9 трлн рубль')]],
    ['kk, percentage points', 'Үлесі 0,6 пайыздық тармаққа өсті.', [percent(0.6, '0,6 пайыздық тармақ', 0, 'pp')]],
    ['uz-Cyrl, percentage points', 'Улуши 1,2 фоиз пунктга ошди.', [percent(1.2, '1,2 фоиз пункт', 0, 'pp')]],
    ['kk, the approximative -дай', 'Айналым 1,5 млрд доллардай болды.', [money(1_500_000_000, 'USD', '1,5 млрд доллар')]],
    ['ru, Russian inflections stay', 'Добыто 44,7 млн баррелей и 2 млн рублей.', [count(44_700_000, 'barrels', '44,7 млн баррелей'), money(2_000_000, 'RUB', '2 млн рублей')]],
  ] as const)('%s: %s', (_edition, text, expected) => {
    expect(extractFigures([text])).toEqual(expected);
  });
});

describe('extractFigures: a scale abbreviation at the end of a sentence', () => {
  it('leaves the full stop out of raw, and keeps the dot of a unit before a capital («долл. США»)', () => {
    expect(extractFigures(['Import made US$ 111.4 mln. Exports rose.', 'Export made US$ 5 mln.', 'Приток составил 11,4 млрд долл. США.'])).toEqual([
      money(111_400_000, 'USD', 'US$ 111.4 mln'),
      money(5_000_000, 'USD', 'US$ 5 mln', 1),
      money(11_400_000_000, 'USD', '11,4 млрд долл.', 2),
    ]);
  });
});

describe('extractFigures: number formats', () => {
  it('reads space, no-break space, narrow no-break space and thin space as thousands separators', () => {
    expect(extractFigures(['Выплачено 12 345 678,9 тенге, 1\u00A0234\u00A0567 тенге, 7\u202F500 тонн и 2\u2009000 человек.'])).toEqual([
      money(12_345_678.9, 'KZT', '12 345 678,9 тенге'),
      money(1_234_567, 'KZT', '1\u00A0234\u00A0567 тенге'),
      count(7500, 'tonnes', '7\u202F500 тонн'),
      count(2000, 'people', '2\u2009000 человек'),
    ]);
  });

  it('tells a thousands dot or comma from a decimal one', () => {
    expect(extractFigures(['Exports of 1.234.567,89 euros and 1,234,567.89 dollars.'])).toEqual([
      money(1_234_567.89, 'EUR', '1.234.567,89 euros'),
      money(1_234_567.89, 'USD', '1,234,567.89 dollars'),
    ]);
  });

  it('reads a lone group of three digits by the edition’s convention', () => {
    // English and Chinese write a decimal point, so a lone comma groups thousands and a lone dot is decimal.
    expect(extractFigures(['The plant shipped 1,250 tonnes and raised 1.250 million dollars.'])).toEqual([
      count(1250, 'tonnes', '1,250 tonnes'),
      money(1_250_000, 'USD', '1.250 million dollars'),
    ]);
    // Russian, Kazakh and Uzbek write a decimal comma; a lone dot groups thousands unless a scale word follows.
    expect(extractFigures(['Привлечено 1,250 млрд тенге, взнос 2.500 тенге, кредит 1.250 млрд долларов.'])).toEqual([
      money(1_250_000_000, 'KZT', '1,250 млрд тенге'),
      money(2500, 'KZT', '2.500 тенге'),
      money(1_250_000_000, 'USD', '1.250 млрд долларов'),
    ]);
  });

  it('keeps values exact, without floating-point noise', () => {
    const values = extractFigures(['Суммы: 0,1 млн долларов, 555,7 млн долларов, 0,3 трлн тенге, 1,005 млрд тенге.']).map((f) => f.value);
    expect(values).toEqual([100_000, 555_700_000, 300_000_000_000, 1_005_000_000]);
  });

  it('reads an amount in two scales as one, and two amounts side by side as two', () => {
    expect(extractFigures(['Импорт составил 12 млрд 300 млн долларов, экспорт — 8 mlrd 150 mln dollar.'])).toEqual([
      money(12_300_000_000, 'USD', '12 млрд 300 млн долларов'),
      money(8_150_000_000, 'USD', '8 mlrd 150 mln dollar'),
    ]);
    expect(extractFigures(['Рост на 5 млн 300 тыс. тонн, 2 млн 5 млрд долларов.']).map((f) => f.value)).toEqual([5_300_000, 5_000_000_000]);
  });
});

describe('extractFigures: what is not a figure', () => {
  it.each([
    ['years and dates', 'В 2024 году, 15.08.2025 и 2024–2025 йилларда, 2025年8月15日.'],
    ['ordinals', 'Комиссиянинг 12-йиғилиши, 2-е место, the 13th session, 第12届.'],
    ['counts without a unit', 'Икки давлат ўртасида 70 га яқин шартнома бор, 143家企业, 5 млн без единицы.'],
    ['times and names', 'В 13:51 встретились лидеры G20 у самолёта A320, код KZ123.'],
    ['words that only start like units', 'Построено 5 тоннелей, 3 европейских, 2 сумма, 4 humans.'],
  ])('%s', (_what, text) => {
    expect(extractFigures([text])).toEqual([]);
  });

  it('gives nothing for no paragraphs or empty ones', () => {
    expect(extractFigures([])).toEqual([]);
    expect(extractFigures(['', ' '])).toEqual([]);
  });
});

// ---- properties -------------------------------------------------------------------------------

/** Groups the digits of a whole number in threes with `sep`. */
const grouped = (whole: bigint, sep: string) => whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** The exact value of whole.fraction × 10^exponent, by integer arithmetic. */
const exactValue = (whole: bigint, fraction: string, exponent: number) =>
  Number(whole * 10n ** BigInt(exponent) + BigInt(fraction || '0') * 10n ** BigInt(exponent - fraction.length));

describe('extractFigures properties', () => {
  it('never throws on any paragraphs, and every figure is well formed and verbatim', () => {
    const paragraph = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.array(
        fc.oneof(
          fc.integer({ min: 0, max: 1_000_000 }).map(String),
          fc.constantFrom(' ', '\u00A0', '\u202F', ',', '.', '-', '−', '$', 'US$', '€', 'KZT', '%', '亿', '万', '美元', 'млн', 'млрд', 'тыс.', 'mlrd.', 'million', 'долларни', 'теңге', "so'm", 'тонн', 'т', 'человек', 'п.п.', 'foiz', 'x'),
        ),
        { maxLength: 16 },
      ).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 4 }), (paragraphs) => {
        for (const f of extractFigures(paragraphs)) {
          expect(Number.isFinite(f.value)).toBe(true);
          expect(paragraphs[f.paragraph]!.includes(f.raw)).toBe(true);
          expect(f.unit.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  const whole = fc.bigInt({ min: 0n, max: 999_999_999n });
  const fraction = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 3 });

  it('round-trips money written with a decimal comma and space-like thousands separators (ru, kk, uz)', () => {
    const units = [
      { written: 'млн долларов', exponent: 6, unit: 'USD' },
      { written: 'миллион доллар', exponent: 6, unit: 'USD' },
      { written: 'миллион долларов', exponent: 6, unit: 'USD' },
      { written: 'млрд тенге', exponent: 9, unit: 'KZT' },
      { written: 'тыс. теңге', exponent: 3, unit: 'KZT' },
      { written: 'млн сўм', exponent: 6, unit: 'UZS' },
    ];
    fc.assert(
      fc.property(whole, fraction, fc.constantFrom(' ', '\u00A0', '\u202F'), fc.constantFrom(...units), (w, f, sep, u) => {
        const raw = `${grouped(w, sep)}${f ? `,${f}` : ''} ${u.written}`;
        expect(extractFigures([`Товарооборот за год составил ${raw} по данным ведомства.`])).toEqual([
          money(exactValue(w, f, u.exponent), u.unit, raw),
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips English amounts with comma thousands and a decimal point', () => {
    fc.assert(
      fc.property(whole, fraction, fc.constantFrom({ written: 'million dollars', exponent: 6 }, { written: 'billion dollars', exponent: 9 }), (w, f, u) => {
        const raw = `${grouped(w, ',')}${f ? `.${f}` : ''} ${u.written}`;
        expect(extractFigures([`The trade between the two states reached ${raw} in the year.`])).toEqual([
          money(exactValue(w, f, u.exponent), 'USD', raw),
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips percentages with a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fraction, fc.constantFrom('%', ' %', ' foiz', ' пайыз', ' процента'), (w, f, sign) => {
        const raw = `${w}${f ? `,${f}` : ''}${sign}`;
        expect(extractFigures([`Ўсиш ${raw} га етди.`])).toEqual([percent(Number(`${w}.${f || '0'}`), raw)]);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips Chinese amounts in 万 and 亿', () => {
    fc.assert(
      fc.property(whole, fraction, fc.constantFrom({ scale: '万', exponent: 4 }, { scale: '亿', exponent: 8 }), (w, f, s) => {
        const raw = `${w}${f ? `.${f}` : ''}${s.scale}美元`;
        expect(extractFigures([`双边贸易额达${raw}。`])).toEqual([money(exactValue(w, f, s.exponent), 'USD', raw)]);
      }),
      { numRuns: 1000 },
    );
  });
});
