import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitDateline } from '../../functions/process/normalise/dateline.ts';

describe('splitDateline: the forms Kazinform has used, by edition and era', () => {
  it.each([
    ['en', 'ASTANA. KAZINFORM – The two presidents met today.', 'ASTANA', 'The two presidents met today.'],
    ['en, no dash', 'ROME. KAZINFORM The ministers met today.', 'ROME', 'The ministers met today.'],
    ['en, hyphenated place', 'NUR-SULTAN. KAZINFORM - The talks went on.', 'NUR-SULTAN', 'The talks went on.'],
    ['en, two words', 'ABU DHABI. KAZINFORM — The forum opened.', 'ABU DHABI', 'The forum opened.'],
    ['en, qazinform.com', 'ASTANA. Qazinform – The two presidents met today.', 'ASTANA', 'The two presidents met today.'],
    ['kk', 'АСТАНА. KAZINFORM — Мемлекет басшысы сапармен келді.', 'АСТАНА', 'Мемлекет басшысы сапармен келді.'],
    ['kk, abroad', 'МӘСКЕУ. KAZINFORM — Келіссөздер басталды.', 'МӘСКЕУ', 'Келіссөздер басталды.'],
    ['kk, no space', 'АСТАНА.KAZINFORM - Жиын өтті.', 'АСТАНА', 'Жиын өтті.'],
    ['kk-Latn', 'ASTANA. QazAqparat – Jıyn ótti.', 'ASTANA', 'Jıyn ótti.'],
    ['kk-Arab', 'استانا. KAZINFORM - جيىن ءوتتى.', 'استانا', 'جيىن ءوتتى.'],
    ['kk-Arab, agency in Arabic script', 'استانا. قازاقپارات - جيىن ءوتتى.', 'استانا', 'جيىن ءوتتى.'],
    ['uz-Cyrl', 'ASTANA. Kazinform - Бугун музокаралар бўлиб ўтди.', 'ASTANA', 'Бугун музокаралар бўлиб ўтди.'],
    ['uz-Cyrl, Cyrillic look-alikes', 'ASTANА. Кazinform – Бугун учрашув бўлди.', 'ASTANА', 'Бугун учрашув бўлди.'],
    ['uz-Cyrl, mixed-script place', 'МОSKVA. Кazinform – Учрашув бўлди.', 'МОSKVA', 'Учрашув бўлди.'],
    ['uz-Cyrl, Tashkent', 'ТОШКЕНТ. KAZINFORM – Форум очилди.', 'ТОШКЕНТ', 'Форум очилди.'],
    ['ru', 'АСТАНА. KAZINFORM — Президент провёл встречу.', 'АСТАНА', 'Президент провёл встречу.'],
    ['ru, agency in Cyrillic', 'АЛМАТЫ. КАЗИНФОРМ – Открылась выставка.', 'АЛМАТЫ', 'Открылась выставка.'],
    ['zh', '哈通社/阿斯塔纳/8月14日 -- 托卡耶夫总统会见外宾。', '阿斯塔纳', '托卡耶夫总统会见外宾。'],
    ['zh, inline', '哈通社阿拉木图8月14日电 展览开幕。', '阿拉木图', '展览开幕。'],
    ['en, the place in title case with its dash', 'Astana. Kazinform – The sides met.', 'Astana', 'The sides met.'],
    ['en, the agency\'s full name', 'ASTANA. Qazinform News Agency – The sides met.', 'ASTANA', 'The sides met.'],
    ['en, a full stop for the dash', 'ASTANA. KAZINFORM. The sides met.', 'ASTANA', 'The sides met.'],
    ['en, an abbreviated place', 'ST. PETERSBURG. KAZINFORM – The summit opened.', 'ST. PETERSBURG', 'The summit opened.'],
    ['ru, a date with its year', 'АСТАНА, 24 мая 2019. КАЗИНФОРМ – Стороны встретились.', 'АСТАНА', 'Стороны встретились.'],
  ])('%s', (_form, lead, place, text) => {
    expect(splitDateline(lead)).toEqual({ dateline: { place }, text });
  });

  it('parses the older Russian form with its date and author, and returns the author', () => {
    expect(splitDateline('АСТАНА. 24 мая. КАЗИНФОРМ /Иван Петров/ - Сегодня открылась сессия.')).toEqual({
      dateline: { place: 'АСТАНА' },
      text: 'Сегодня открылась сессия.',
      author: 'Иван Петров',
    });
    expect(splitDateline('КОСТАНАЙ. 3 марта. КАЗИНФОРМ - Сев начался.')).toEqual({ dateline: { place: 'КОСТАНАЙ' }, text: 'Сев начался.' });
  });

  it('takes the reporter a Chinese dateline names as the author', () => {
    expect(splitDateline('哈通社阿斯塔纳4月2日电（记者 王伟）中哈两国外长举行会谈。')).toEqual({ dateline: { place: '阿斯塔纳' }, text: '中哈两国外长举行会谈。', author: '王伟' });
  });

  it('removes the Chinese agency marker, which names no place', () => {
    expect(splitDateline('（哈萨克国际通讯社讯）总统会见外宾。')).toEqual({ dateline: null, text: '总统会见外宾。' });
    expect(splitDateline('(哈萨克国际通讯社讯) 总统会见外宾。')).toEqual({ dateline: null, text: '总统会见外宾。' });
  });

  it('leaves a lead without a dateline unchanged', () => {
    for (const lead of [
      'ASTANA is the capital of Kazakhstan.',
      'Astana. Kazinform reporters were there.',
      'Kazinform мухбири хабар қилишича, учрашув бўлди.',
      'АСТАНА. Казинформу сообщили в министерстве.',
      'ASTANA. Kazinformнинг шарҳловчиси ёзади.',
      'Президент Казахстана. KAZINFORM здесь ни при чём.',
      '托卡耶夫总统会见外宾。',
      '',
    ]) {
      expect(splitDateline(lead)).toEqual({ dateline: null, text: lead });
    }
  });

  it('splits the lead of the Astana–Ashgabat long read (uz-Cyrl)', () => {
    expect(splitDateline('ASTANA. Kazinform - Туркманистон Президенти бугун Қозоғистонга расмий ташриф билан келади.')).toEqual({
      dateline: { place: 'ASTANA' },
      text: 'Туркманистон Президенти бугун Қозоғистонга расмий ташриф билан келади.',
    });
  });
});

describe('splitDateline properties', () => {
  it('never throws, and returns a piece of the input', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.array(fc.constantFrom('ASTANA', 'АСТАНА', '.', ' ', 'KAZINFORM', 'Кazinform', '/', '–', '--', '哈通社', '（', '讯', '）', 'x', '24 мая'), { maxLength: 12 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(anyString, (lead) => {
        const { dateline, text } = splitDateline(lead);
        expect(lead.includes(text)).toBe(true);
        if (dateline) expect(lead.includes(dateline.place)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips generated datelines: the place as written, the text after the dash', () => {
    const upper = (alphabet: string) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: 2, maxLength: 12 });
    const place = fc.oneof(upper('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), upper('АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЭЮЯӘҒҚҢӨҰҮІ'), upper('استانشكەتۋرى'));
    const places = fc.array(place, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    const agency = fc.constantFrom('KAZINFORM', 'Kazinform', 'Кazinform', 'QazAqparat', 'КАЗИНФОРМ', 'قازاقپارات');
    const dash = fc.constantFrom(' – ', ' — ', ' - ', ' -- ', ' ');
    const sentence = fc.array(fc.constantFrom('talks', 'учрашув', 'келіссөздер', 'бўлди', 'ótti', 'ءوتتى'), { minLength: 1, maxLength: 6 }).map((w) => `${w.join(' ')}.`);
    fc.assert(
      fc.property(places, agency, dash, sentence, (p, a, d, s) => {
        expect(splitDateline(`${p}. ${a}${d}${s}`)).toEqual({ dateline: { place: p }, text: s });
      }),
      { numRuns: 2000 },
    );
  });
});
