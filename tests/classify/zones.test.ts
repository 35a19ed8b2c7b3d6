import { describe, expect, it } from 'vitest';
import { buildZones, stripDateline } from '../../functions/process/classify/zones.ts';

describe('stripDateline', () => {
  it.each([
    ['ASTANA. KAZINFORM – The talks began.', 'The talks began.'],
    ['NUR-SULTAN. KAZINFORM The talks began.', 'The talks began.'],
    ['АСТАНА. 24 мая. КАЗИНФОРМ /Иван Петров/ - Переговоры начались.', 'Переговоры начались.'],
    ['АСТАНА.KAZINFORM - Келіссөз басталды.', 'Келіссөз басталды.'],
    ['TASHKENT. Кazinform – Музокаралар бошланди.', 'Музокаралар бошланди.'],
    ['ASTANA. QazAqparat – Kelissóz bastaldy.', 'Kelissóz bastaldy.'],
    ['استانا. KAZINFORM - كەلىسسوز باستالدى.', 'كەلىسسوز باستالدى.'],
    ['哈通社/阿斯塔纳/8月14日 -- 会谈开始。', '会谈开始。'],
    ['（哈萨克国际通讯社讯）会谈开始。', '会谈开始。'],
  ])('%s', (lead, rest) => {
    expect(stripDateline(lead)).toBe(rest);
  });

  it('leaves a lead that merely names the agency alone', () => {
    expect(stripDateline('The President gave Kazinform an interview.')).toBe('The President gave Kazinform an interview.');
  });
});

describe('buildZones', () => {
  it('weighs the title and lead above the body, and the body less as it goes on', () => {
    const zones = buildZones('Title', '', ['Lead.', 'One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.', 'Seven.']);
    expect(zones.map((z) => [z.role, z.weight])).toEqual([
      ['title', 3], ['lead', 2], ['body', 1.5], ['body', 1.25], ['body', 1], ['body', 1], ['body', 1], ['body', 0.75], ['body', 0.75],
    ]);
  });

  it('takes the summary as the lead when there is one', () => {
    expect(buildZones('', 'Summary.', ['Body.']).map((z) => z.role)).toEqual(['lead', 'body']);
  });
});
