import { describe, expect, it } from 'vitest';
import { isBoilerplateParagraph, photoCredit, stripAttribution, stripSiteSuffix } from '../../functions/process/extract/boilerplate.ts';

describe('stripAttribution', () => {
  it('removes the agency attribution clause before a sentence end, in each edition', () => {
    expect(stripAttribution('The ministers met in Astana, Kazinform News Agency correspondent reports. Talks went on.')).toBe('The ministers met in Astana. Talks went on.');
    expect(stripAttribution('The checkpoint opens next year, reports a Qazinform News Agency correspondent.')).toBe('The checkpoint opens next year.');
    expect(stripAttribution('Переговоры прошли в Акорде, передает корреспондент Kazinform.')).toBe('Переговоры прошли в Акорде.');
    expect(stripAttribution('Келіссөздер Ақордада өтті, деп хабарлайды Kazinform тілшісі.')).toBe('Келіссөздер Ақордада өтті.');
    expect(stripAttribution('Музокаралар Оқордада бўлиб ўтди, деб хабар беради Kazinform мухбири.')).toBe('Музокаралар Оқордада бўлиб ўтди.');
  });

  it('removes the shorter and agency-worded forms: "Kazinform reports", "a Kazinform correspondent says", «сообщает агентство», «агенттігі», Uzbek Latin', () => {
    expect(stripAttribution('The sides discussed the North-South corridor, Kazinform reports.')).toBe('The sides discussed the North-South corridor.');
    expect(stripAttribution('The sides met in Astana, Qazinform News Agency reports. Talks went on.')).toBe('The sides met in Astana. Talks went on.');
    expect(stripAttribution('The talks went well, a Kazinform correspondent says.')).toBe('The talks went well.');
    expect(stripAttribution('Стороны обсудили транзит, передает корреспондент агентства Kazinform.')).toBe('Стороны обсудили транзит.');
    expect(stripAttribution('Стороны обсудили транзит, сообщает агентство Kazinform.')).toBe('Стороны обсудили транзит.');
    expect(stripAttribution('Тараптар транзитті талқылады, деп хабарлайды Kazinform агенттігі.')).toBe('Тараптар транзитті талқылады.');
    expect(stripAttribution('Tomonlar tranzitni muhokama qildi, deb xabar beradi Kazinform.')).toBe('Tomonlar tranzitni muhokama qildi.');
  });

  it("keeps the agency's name where it is part of the article's own sentence", () => {
    const text = 'Kazinform шарҳловчиси узоқ йиллик ҳамкорликни таҳлил қилди.';
    expect(stripAttribution(text)).toBe(text);
    expect(stripAttribution("Kazinform's analyst looks at the figures.")).toBe("Kazinform's analyst looks at the figures.");
    expect(stripAttribution('What Kazinform reports on trade is read across Central Asia.')).toBe('What Kazinform reports on trade is read across Central Asia.');
  });
});

describe('photoCredit', () => {
  it('takes the credit out of a caption in any edition', () => {
    expect(photoCredit('Photo: Akorda')).toBe('Akorda');
    expect(photoCredit('Фото: пресс-служба Акорды')).toBe('пресс-служба Акорды');
    expect(photoCredit('图片来源：哈通社')).toBe('哈通社');
    expect(photoCredit('سۋرەت: Kazinform')).toBe('Kazinform');
    expect(photoCredit('Surat: Aqorda')).toBe('Aqorda');
    expect(photoCredit('Photo:')).toBeNull();
  });
});

describe('boilerplate paragraphs and titles', () => {
  it('recognises "read also" lines and credits in every edition', () => {
    for (const line of ['Read also: Other news', 'Читайте также: Другое', 'Сондай-ақ оқыңыз: Басқа', 'Шунингдек ўқинг: Бошқа', '另请阅读：其他新闻', 'Фото: Акорда', 'سۋرەت: اقوردا']) {
      expect(isBoilerplateParagraph(line), line).toBe(true);
    }
    expect(isBoilerplateParagraph('Read the statement in full below.')).toBe(false);
  });

  it("strips the site's suffix from titles", () => {
    expect(stripSiteSuffix('Talks held | Kazinform')).toBe('Talks held');
    expect(stripSiteSuffix('Переговоры — Казинформ')).toBe('Переговоры');
    expect(stripSiteSuffix('Kazakh-Turkmen talks')).toBe('Kazakh-Turkmen talks');
  });
});
